import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalize,
  extractSignalValues,
  hashSignalProvenance,
  validateProvenance,
  withProvenance,
} from "@parmanasystems/core";
import type { SignalProvenance } from "@parmanasystems/core";

const provenanceArb: fc.Arbitrary<SignalProvenance> = fc.record(
  {
    source: fc.string({ minLength: 1, maxLength: 8 }),
    sourceType: fc.constantFrom("financial_api", "document_ai", "manual_entry", "unknown"),
    sourceVerified: fc.boolean(),
    trustLevel: fc.constantFrom("unverified", "claimed", "verified", "trusted"),
    metadata: fc.dictionary(
      fc.string({ maxLength: 5 }),
      fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 5 })),
    ),
  },
  { requiredKeys: ["source", "sourceType", "sourceVerified"] },
) as fc.Arbitrary<SignalProvenance>;

const entryArb = fc.oneof(
  fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 6 })),
  fc
    .tuple(fc.oneof(fc.integer(), fc.boolean()), provenanceArb)
    .map(([value, provenance]) => withProvenance(value, provenance)),
);

const mapArb = fc.uniqueArray(fc.tuple(fc.string({ maxLength: 6 }), entryArb), {
  selector: ([key]) => key,
  maxLength: 8,
});

function build(entries: [string, unknown][]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return record;
}

describe("determinism (property)", () => {
  it("insertion order never changes extracted values, provenance hashes or validation results", () => {
    fc.assert(
      fc.property(mapArb, (entries) => {
        const forward = build(entries);
        const backward = build([...entries].reverse());
        expect(canonicalize(extractSignalValues(forward))).toBe(
          canonicalize(extractSignalValues(backward)),
        );
        expect(hashSignalProvenance(forward)).toBe(hashSignalProvenance(backward));
        expect(validateProvenance(forward, { minimumTrustLevel: "verified" })).toEqual(
          validateProvenance(backward, { minimumTrustLevel: "verified" }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("extracted values never depend on provenance", () => {
    fc.assert(
      fc.property(mapArb, provenanceArb, (entries, replacement) => {
        const original = build(entries);
        const swapped = build(
          entries.map(([key, entry]) => [
            key,
            typeof entry === "object" && entry !== null
              ? withProvenance((entry as { value: unknown }).value, replacement)
              : entry,
          ]),
        );
        expect(extractSignalValues(swapped)).toEqual(extractSignalValues(original));
      }),
      { numRuns: 200 },
    );
  });
});
