import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifyAttestation } from "@parmanasystems/core";
import { attestationRecordProblems } from "@parmanasystems/core/internal";
import { samplePayload } from "../../helpers/decision-loop-fixtures.js";

const ACCEPT_ANY = { verify: (): boolean => true };

function wellFormed(): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ ...samplePayload(), signature: "c2lnbmF0dXJl" })) as Record<
    string,
    unknown
  >;
}

// What verifyAttestation says of the record when the signature, runtime and schema are not in
// question: a verifier that accepts everything, the record's own runtime and schema trusted.
function verifierSaysValid(record: Record<string, unknown>): boolean {
  const runtimeHash = record["runtimeHash"];
  const schemaVersion = record["schemaVersion"];
  return verifyAttestation(record, ACCEPT_ANY, {
    ...(typeof runtimeHash === "string" ? { trustedRuntimeHashes: [runtimeHash] } : {}),
    ...(typeof schemaVersion === "string" ? { supportedSchemaVersions: [schemaVersion] } : {}),
  }).valid;
}

describe("attestationRecordProblems", () => {
  it("finds nothing in a well-formed attestation", () => {
    const record = wellFormed();
    expect(attestationRecordProblems(record)).toEqual([]);
    expect(verifierSaysValid(record)).toBe(true);
  });

  it("names a missing field, a wrong format, an unknown field and an inconsistent state", () => {
    const { signature: _signature, ...unsigned } = wellFormed();
    expect(attestationRecordProblems(unsigned)).toEqual([
      "[INV-VERIFY-001] missing field signature",
    ]);
    expect(attestationRecordProblems({ ...wellFormed(), signalsHash: "ABC" })).toEqual([
      '[INV-VERIFY-008] signalsHash must be 64 lowercase hex characters, got "ABC"',
    ]);
    expect(attestationRecordProblems({ ...wellFormed(), extra: 1 })).toEqual([
      '[INV-VERIFY-012] unknown field "extra"',
    ]);
    expect(
      attestationRecordProblems({ ...wellFormed(), execution_state: "pending_override" }),
    ).toEqual([
      '[INV-VERIFY-007] execution_state is "pending_override" but decision.requires_override is false',
    ]);
  });

  it("agrees with verifyAttestation's verdict on any change to a well-formed attestation", () => {
    const fields = Object.keys(wellFormed());
    const change = fc.oneof(
      fc.record({ kind: fc.constant("delete" as const), field: fc.constantFrom(...fields) }),
      fc.record({
        kind: fc.constant("set" as const),
        field: fc.oneof(fc.constantFrom(...fields, "provenance"), fc.string()),
        value: fc.jsonValue({ maxDepth: 3 }),
      }),
      fc.record({
        kind: fc.constant("decision" as const),
        field: fc.constantFrom("action", "requires_override", "reason", "other"),
        value: fc.jsonValue({ maxDepth: 2 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 3 }), (changes) => {
        const record = wellFormed();
        for (const c of changes) {
          if (c.kind === "delete") delete record[c.field];
          else if (c.kind === "set")
            Object.defineProperty(record, c.field, {
              value: c.value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
          else if (typeof record["decision"] === "object" && record["decision"] !== null)
            (record["decision"] as Record<string, unknown>)[c.field] = c.value;
        }
        // A value parsed from JSON, as the function asks.
        const parsed = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
        expect(attestationRecordProblems(parsed).length === 0).toBe(verifierSaysValid(parsed));
      }),
      { numRuns: 2000 },
    );
  });

  it("reports what is not a record or cannot be read, never throws", () => {
    for (const value of [null, undefined, 1, "x", [], new Date(0)]) {
      expect(attestationRecordProblems(value)).toEqual([
        expect.stringMatching(/^\[INV-VERIFY-001\] an attestation must be a JSON object/),
      ]);
    }
    const getter = Object.defineProperty(wellFormed(), "policyId", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    expect(attestationRecordProblems(getter)).toEqual([
      "[INV-VERIFY-014] the attestation is not plain data: it could not be read (Error thrown)",
    ]);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(attestationRecordProblems(proxy)).toEqual([
      expect.stringMatching(/^\[INV-VERIFY-0(01|14)\]/),
    ]);
  });
});
