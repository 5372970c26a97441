import {
  evaluatePolicy,
  ParmanaError,
  type CompiledPolicy,
  type PolicyDecision,
} from "@parmanasystems/core";
import type { PolicyTestCase } from "./policy-test-file.js";

/** The outcome of one case. */
export interface PolicyTestOutcome {
  readonly name: string;
  readonly passed: boolean;
  /** What happened: the decision reached, or the error code. */
  readonly actual:
    | { readonly action: string; readonly rule_id: string; readonly requires_override: boolean }
    | { readonly error: string; readonly message: string };
  /** Why it failed, one line. */
  readonly failure?: string;
}

function describeExpectation(testCase: PolicyTestCase): string {
  const { expect } = testCase;
  if (expect.error !== undefined) return `error ${expect.error}`;
  const parts = [`action "${expect.action}"`];
  if (expect.rule_id !== undefined) parts.push(`rule ${expect.rule_id}`);
  if (expect.requires_override !== undefined)
    parts.push(`requires_override ${String(expect.requires_override)}`);
  return parts.join(", ");
}

function compare(testCase: PolicyTestCase, decision: PolicyDecision): string | undefined {
  const { expect } = testCase;
  const got = `got action "${decision.action}" from rule ${decision.rule_id}`;
  if (expect.error !== undefined) return `expected ${describeExpectation(testCase)}, ${got}`;
  if (decision.action !== expect.action) return `expected ${describeExpectation(testCase)}; ${got}`;
  if (expect.rule_id !== undefined && decision.rule_id !== expect.rule_id) {
    return `expected ${describeExpectation(testCase)}; ${got} instead`;
  }
  if (
    expect.requires_override !== undefined &&
    decision.requires_override !== expect.requires_override
  ) {
    return `expected ${describeExpectation(testCase)}; rule ${decision.rule_id} gives requires_override ${String(decision.requires_override)}`;
  }
  return undefined;
}

/**
 * Runs a table of cases against a compiled policy with `evaluatePolicy` (no signing, no
 * replay store), like `opa test`.
 *
 * @param policy - the compiled policy
 * @param cases - the table
 * @returns one outcome per case, in order
 */
export function runPolicyTests(
  policy: CompiledPolicy,
  cases: readonly PolicyTestCase[],
): PolicyTestOutcome[] {
  return cases.map((testCase): PolicyTestOutcome => {
    let decision: PolicyDecision;
    try {
      decision = evaluatePolicy(policy, testCase.signals);
    } catch (error) {
      if (!ParmanaError.isInstance(error)) throw error;
      const actual = { error: error.code, message: error.message };
      if (testCase.expect.error === error.code)
        return { name: testCase.name, passed: true, actual };
      return {
        name: testCase.name,
        passed: false,
        actual,
        failure: `expected ${describeExpectation(testCase)}; evaluation failed: ${error.message}`,
      };
    }
    const failure = compare(testCase, decision);
    const actual = {
      action: decision.action,
      rule_id: decision.rule_id,
      requires_override: decision.requires_override,
    };
    return failure === undefined
      ? { name: testCase.name, passed: true, actual }
      : { name: testCase.name, passed: false, actual, failure };
  });
}
