import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanonicalizationError, canonicalize, computeExecutionHashes } from "@parmanasystems/core";
import { executionHashesOfCanonicalSignals } from "@parmanasystems/core/internal";
import { expectParmanaError } from "../../../../../test-support/expect-parmana-error.js";

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

describe("executionHashesOfCanonicalSignals", () => {
  it("hashes the hand-written canonical JSON of the signals and of { policyId, policyVersion, signals }", () => {
    const text = '{"credit_score":720,"loan_amount":15000}';
    expect(executionHashesOfCanonicalSignals("loan-approval", "1.0.0", text)).toEqual({
      signalsHash: sha256(text),
      execution_fingerprint: sha256(
        '{"policyId":"loan-approval","policyVersion":"1.0.0","signals":{"credit_score":720,"loan_amount":15000}}',
      ),
    });
  });

  it("equals computeExecutionHashes for any policy strings and signals", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        fc.string({ unit: "grapheme" }),
        fc.dictionary(
          fc.string(),
          fc.oneof(
            fc.integer(),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.boolean(),
            fc.constant(null),
            fc.string({ unit: "grapheme" }),
            fc.array(fc.integer(), { maxLength: 3 }),
          ),
        ),
        (policyId, policyVersion, signals) => {
          expect(
            executionHashesOfCanonicalSignals(policyId, policyVersion, canonicalize(signals)),
          ).toEqual(computeExecutionHashes(policyId, policyVersion, signals));
        },
      ),
    );
  });

  it("refuses anything but three strings with CANONICAL-012", () => {
    const text = canonicalize({ a: 1 });
    for (const args of [
      [1, "1.0.0", text],
      ["p", null, text],
      ["p", "1.0.0", { a: 1 }],
      ["p", "1.0.0", Symbol("s")],
    ]) {
      expectParmanaError(
        () => executionHashesOfCanonicalSignals(...(args as [string, string, string])),
        "CANONICAL-012",
        CanonicalizationError,
      );
    }
  });
});
