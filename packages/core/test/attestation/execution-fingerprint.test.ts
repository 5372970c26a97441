import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CanonicalizationError,
  canonicalize,
  computeExecutionFingerprint,
  computeExecutionHashes,
  computeSignalsHash,
  sha256Hex,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

describe("computeSignalsHash / computeExecutionFingerprint", () => {
  it("hash the hand-written canonical JSON of DESIGN §3", () => {
    const signals = { loan_amount: 15000, credit_score: 720 };
    expect(computeSignalsHash(signals)).toBe(sha256('{"credit_score":720,"loan_amount":15000}'));
    expect(computeExecutionFingerprint("loan-approval", "1.0.0", signals)).toBe(
      sha256(
        '{"policyId":"loan-approval","policyVersion":"1.0.0","signals":{"credit_score":720,"loan_amount":15000}}',
      ),
    );
  });

  it("differ from each other (the fingerprint binds the policy)", () => {
    const signals = { credit_score: 720 };
    expect(computeSignalsHash(signals)).not.toBe(
      computeExecutionFingerprint("loan-approval", "1.0.0", signals),
    );
    expect(computeExecutionFingerprint("loan-approval", "1.0.0", signals)).not.toBe(
      computeExecutionFingerprint("loan-approval", "1.0.1", signals),
    );
  });

  it("computeExecutionHashes equals the two separate functions", () => {
    const signals = { b: true, a: "x", c: [1, 2] };
    expect(computeExecutionHashes("p", "1.0.0", signals)).toEqual({
      signalsHash: computeSignalsHash(signals),
      execution_fingerprint: computeExecutionFingerprint("p", "1.0.0", signals),
    });
  });

  it("the fingerprint equals sha256(canonicalize({ policyId, policyVersion, signals })) for any strings and signals", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        fc.string({ unit: "grapheme" }),
        fc.dictionary(
          fc.string(),
          fc.oneof(fc.integer(), fc.boolean(), fc.string({ unit: "grapheme" })),
        ),
        (policyId, policyVersion, signals) => {
          expect(computeExecutionFingerprint(policyId, policyVersion, signals)).toBe(
            sha256Hex(canonicalize({ policyId, policyVersion, signals })),
          );
        },
      ),
    );
  });

  it("ignores key order", () => {
    expect(computeExecutionFingerprint("p", "1.0.0", { a: 1, b: 2, c: 3 })).toBe(
      computeExecutionFingerprint("p", "1.0.0", { c: 3, a: 1, b: 2 }),
    );
  });

  it("refuses non-JSON values with CANONICAL- codes", () => {
    expectParmanaError(
      () => computeSignalsHash({ x: Number.NaN }),
      "CANONICAL-001",
      CanonicalizationError,
    );
    expectParmanaError(
      () => computeExecutionFingerprint("p", "1.0.0", { x: 1n }),
      "CANONICAL-002",
      CanonicalizationError,
    );
  });
});
