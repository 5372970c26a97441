import { describe, expect, it } from "vitest";
import {
  compilePolicy,
  ensureCompiledPolicy,
  evaluatePolicy,
  PolicyError,
  SystemError,
  ValidationError,
  type PolicyDocument,
  type PolicyProblem,
} from "@parmanasystems/core";
import { isCompiledPolicy } from "@parmanasystems/core/internal";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { policyWithRules, rule, samplePolicy, sampleSignals } from "./helpers/policy-documents.js";

describe("evaluatePolicy", () => {
  it("decides with a document and with its compiled form alike", () => {
    const document = samplePolicy() as PolicyDocument;
    const compiled = compilePolicy(document).policy!;
    const expected = {
      action: "approve",
      requires_override: false,
      reason: "High score.",
      rule_id: "approve-high",
    };
    expect(evaluatePolicy(document, sampleSignals())).toEqual(expected);
    expect(evaluatePolicy(compiled, sampleSignals())).toEqual(expected);
    expect(evaluatePolicy(document, { ...sampleSignals(), score: 1 })).toEqual({
      action: "reject",
      requires_override: false,
      reason: "Fallback.",
      rule_id: "fallback",
    });
  });

  it("compiles a document once and reuses it", () => {
    const document = samplePolicy() as PolicyDocument;
    const first = ensureCompiledPolicy(document);
    expect(ensureCompiledPolicy(document)).toBe(first);
    expect(ensureCompiledPolicy(first)).toBe(first);
    expect(evaluatePolicy(document, sampleSignals())).toBe(first.evaluate(sampleSignals()));
    // an equal but distinct document object is compiled on its own, to an equal policy
    const other = ensureCompiledPolicy(samplePolicy() as PolicyDocument);
    expect(other).not.toBe(first);
    expect(other.policyHash).toBe(first.policyHash);
  });

  it("tells compiled policies from documents by shape", () => {
    expect(isCompiledPolicy(compilePolicy(samplePolicy()).policy)).toBe(true);
    expect(isCompiledPolicy(samplePolicy())).toBe(false);
    expect(isCompiledPolicy(null)).toBe(false);
  });

  it("throws PolicyError with the first code and every problem for a bad document", () => {
    const document = samplePolicy();
    document["policyVersion"] = "v1";
    document["rules"][0].condition = { signal: "nope", equals: 1 };
    const error = expectParmanaError(
      () => evaluatePolicy(document as PolicyDocument, sampleSignals()),
      "POL-022",
      PolicyError,
      /^\[POL-022\] policyVersion must be a semantic version .* at \$\.policyVersion \(and 1 more problem\)$/,
    );
    expect((error.details?.["problems"] as PolicyProblem[]).map((p) => p.code)).toEqual([
      "POL-022",
      "POL-015",
    ]);
  });

  it("throws PolicyError POL-030 for something that is not a policy", () => {
    expectParmanaError(
      () => evaluatePolicy(null as never, sampleSignals()),
      "POL-030",
      PolicyError,
    );
    expectParmanaError(
      () => evaluatePolicy("loan-approval" as never, sampleSignals()),
      "POL-030",
      PolicyError,
    );
  });

  it("throws ValidationError for bad signals, before evaluating", () => {
    const error = expectParmanaError(
      () => evaluatePolicy(samplePolicy() as PolicyDocument, { ...sampleSignals(), score: "720" }),
      "VAL-007",
      ValidationError,
      '[VAL-007] signal "score" must be a safe integer, got string "720"',
    );
    expect(error.details?.["problems"]).toHaveLength(1);
  });

  it("throws SystemError SYS-006 when no rule matches", () => {
    const document = policyWithRules([
      rule("high", { signal: "score", greater_than: 800 }),
      rule("never", { any: [] }),
    ]);
    expectParmanaError(
      () => evaluatePolicy(document as PolicyDocument, sampleSignals()),
      "SYS-006",
      SystemError,
      "[SYS-006] No rule matched the signals under policy sample-policy@1.0.0",
    );
    expect(
      evaluatePolicy(document as PolicyDocument, { ...sampleSignals(), score: 801 }).rule_id,
    ).toBe("high");
  });

  it("does not unwrap governed signals: a wrapper is a value of the wrong type", () => {
    const wrapped = { ...sampleSignals(), score: { value: 720, provenance: { source: "CIBIL" } } };
    expectParmanaError(
      () => evaluatePolicy(samplePolicy() as PolicyDocument, wrapped),
      "VAL-007",
      ValidationError,
    );
  });
});
