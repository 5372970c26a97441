import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compilePolicy,
  FilePolicyRegistry,
  type ComparisonOperator,
  type Condition,
  type PolicyDocument,
} from "@parmanasystems/core";
import { FIXTURE_POLICIES_ROOT } from "./helpers/policy-documents.js";

/**
 * A straightforward interpreter of DESIGN §7, written independently of the compiler: walk the
 * condition tree for every call; first matching rule wins.
 */
function referenceMatches(condition: Condition, signals: Record<string, unknown>): boolean {
  if ("all" in condition) return condition.all.every((child) => referenceMatches(child, signals));
  if ("any" in condition) return condition.any.some((child) => referenceMatches(child, signals));
  if ("not" in condition) return !referenceMatches(condition.not, signals);
  const value = signals[condition.signal];
  const leaf = condition as Record<string, unknown>;
  const operator = Object.keys(leaf).find((key) => key !== "signal") as ComparisonOperator;
  const operand = leaf[operator];
  switch (operator) {
    case "equals":
      return value === operand;
    case "not_equals":
      return value !== operand;
    case "greater_than":
      return (value as number) > (operand as number);
    case "greater_than_or_equal":
      return (value as number) >= (operand as number);
    case "less_than":
      return (value as number) < (operand as number);
    case "less_than_or_equal":
      return (value as number) <= (operand as number);
    case "in":
      return (operand as unknown[]).some((member) => member === value);
    case "not_in":
      return !(operand as unknown[]).some((member) => member === value);
  }
}

function referenceEvaluate(
  policy: PolicyDocument,
  signals: Record<string, unknown>,
): string | undefined {
  return policy.rules.find((rule) => referenceMatches(rule.condition, signals))?.id;
}

const EDGE_SCORES = [
  0,
  -0,
  300,
  619,
  620,
  699,
  700,
  701,
  900,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
];
const EDGE_AMOUNTS = [
  0,
  -0,
  500000,
  500000.00000000006,
  499999.99999999994,
  15000,
  1e-300,
  -1e300,
  Number.MAX_VALUE,
];

const creditScore = fc.oneof(
  fc.integer({ min: 250, max: 950 }),
  fc.constantFrom(...EDGE_SCORES),
  fc.maxSafeInteger(),
);
const loanAmount = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...EDGE_AMOUNTS),
  fc.integer({ min: 0, max: 2_000_000 }),
);
const loanSignals = fc.record({ credit_score: creditScore, loan_amount: loanAmount });

const OPERATORS: ComparisonOperator[] = [
  "equals",
  "not_equals",
  "greater_than",
  "greater_than_or_equal",
  "less_than",
  "less_than_or_equal",
  "in",
  "not_in",
];

function leafArbitrary(signal: "credit_score" | "loan_amount"): fc.Arbitrary<Condition> {
  const scalar = signal === "credit_score" ? creditScore : loanAmount;
  return fc.constantFrom(...OPERATORS).chain((operator) => {
    const operand =
      operator === "in" || operator === "not_in"
        ? fc.array(scalar, { minLength: 1, maxLength: 4 })
        : scalar;
    return operand.map((value) => ({ signal, [operator]: value }) as Condition);
  });
}

const conditionArbitrary: fc.Arbitrary<Condition> = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafArbitrary("credit_score"),
    leafArbitrary("loan_amount"),
    fc.array(tie("condition"), { maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie("condition"), { maxLength: 3 }).map((any) => ({ any })),
    tie("condition").map((not) => ({ not })),
  ),
})).condition;

const randomLoanPolicy: fc.Arbitrary<PolicyDocument> = fc
  .array(conditionArbitrary, { minLength: 1, maxLength: 6 })
  .map((conditions) => ({
    policyId: "random-loan",
    policyVersion: "1.0.0",
    schemaVersion: "1.0.0",
    signalsSchema: { credit_score: { type: "integer" }, loan_amount: { type: "number" } },
    rules: conditions.map((condition, index) => ({
      id: `r${index}`,
      condition,
      outcome: {
        action: `action-${index}`,
        requires_override: index % 2 === 1,
        reason: `rule ${index}`,
      },
    })),
  }));

describe("compiled evaluator agrees with the reference interpreter", () => {
  it("on the loan-approval fixture, for random valid signals", () => {
    const compiled = new FilePolicyRegistry({ policiesRootPath: FIXTURE_POLICIES_ROOT }).resolve(
      "loan-approval",
      "1.0.0",
    );
    fc.assert(
      fc.property(loanSignals, (signals) => {
        expect(compiled.validateSignals(signals)).toEqual([]);
        expect(compiled.evaluate(signals)?.rule_id).toBe(
          referenceEvaluate(compiled.document, signals),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("on random policies over the loan schema, for random valid signals", () => {
    fc.assert(
      fc.property(
        randomLoanPolicy,
        fc.array(loanSignals, { minLength: 1, maxLength: 10 }),
        (document, signalSets) => {
          const result = compilePolicy(document);
          expect(result.errors).toEqual([]);
          for (const signals of signalSets) {
            expect(result.policy!.evaluate(signals)?.rule_id).toBe(
              referenceEvaluate(document, signals),
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
