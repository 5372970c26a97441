import { describe, expect, it } from "vitest";
import {
  compilePolicy,
  type ComparisonOperator,
  type CompiledPolicy,
  type SignalType,
} from "@parmanasystems/core";
import { rule, type Json } from "./helpers/policy-documents.js";

const ALL_OPERATORS: readonly ComparisonOperator[] = [
  "equals",
  "not_equals",
  "greater_than",
  "greater_than_or_equal",
  "less_than",
  "less_than_or_equal",
  "in",
  "not_in",
];

// DESIGN §7 and the issue: ordering only on integer/number, in/not_in not on booleans.
const ALLOWED: Readonly<Record<SignalType, readonly ComparisonOperator[]>> = {
  integer: ALL_OPERATORS,
  number: ALL_OPERATORS,
  boolean: ["equals", "not_equals"],
  string: ["equals", "not_equals", "in", "not_in"],
  enum: ["equals", "not_equals", "in", "not_in"],
};

const SAMPLE_OPERAND: Readonly<Record<SignalType, unknown>> = {
  integer: 1,
  number: 1.5,
  boolean: true,
  string: "a",
  enum: "gold",
};

function declaration(type: SignalType): Json {
  return type === "enum" ? { type, values: ["gold", "silver", "bronze"] } : { type };
}

/** One signal `x` of `type`, one rule `hit` on the leaf, then a catch-all `miss`. */
function leafPolicy(type: SignalType, operator: ComparisonOperator, operand: unknown): Json {
  return {
    policyId: "leaf",
    policyVersion: "1.0.0",
    schemaVersion: "1.0.0",
    signalsSchema: { x: declaration(type) },
    rules: [rule("hit", { signal: "x", [operator]: operand }), rule("miss", { all: [] })],
  };
}

function compileLeaf(
  type: SignalType,
  operator: ComparisonOperator,
  operand: unknown,
): CompiledPolicy {
  const result = compilePolicy(leafPolicy(type, operator, operand));
  expect(result.errors).toEqual([]);
  return result.policy!;
}

function matches(policy: CompiledPolicy, value: unknown): boolean {
  expect(policy.validateSignals({ x: value })).toEqual([]);
  return policy.evaluate({ x: value })!.rule_id === "hit";
}

describe("operator × signal type matrix", () => {
  for (const type of Object.keys(ALLOWED) as SignalType[]) {
    for (const operator of ALL_OPERATORS) {
      const allowed = ALLOWED[type].includes(operator);
      const operand =
        operator === "in" || operator === "not_in" ? [SAMPLE_OPERAND[type]] : SAMPLE_OPERAND[type];
      it(`${operator} on ${type} is ${allowed ? "accepted" : "POL-016"}`, () => {
        const result = compilePolicy(leafPolicy(type, operator, operand));
        if (allowed) expect(result.errors).toEqual([]);
        else
          expect(result.errors.map((e) => `${e.code} ${e.path}`)).toEqual([
            `POL-016 $.rules[0].condition.${operator}`,
          ]);
      });
    }
  }
});

interface LeafCase {
  readonly type: SignalType;
  readonly operator: ComparisonOperator;
  readonly operand: unknown;
  readonly value: unknown;
  readonly expected: boolean;
}

const LEAF_CASES: readonly LeafCase[] = [
  // integer
  { type: "integer", operator: "equals", operand: 700, value: 700, expected: true },
  { type: "integer", operator: "equals", operand: 700, value: 701, expected: false },
  { type: "integer", operator: "equals", operand: 0, value: -0, expected: true },
  { type: "integer", operator: "not_equals", operand: 700, value: 700, expected: false },
  { type: "integer", operator: "not_equals", operand: 700, value: -700, expected: true },
  { type: "integer", operator: "greater_than", operand: 700, value: 701, expected: true },
  { type: "integer", operator: "greater_than", operand: 700, value: 700, expected: false },
  { type: "integer", operator: "greater_than", operand: 0, value: -0, expected: false },
  { type: "integer", operator: "greater_than_or_equal", operand: 700, value: 700, expected: true },
  { type: "integer", operator: "greater_than_or_equal", operand: 700, value: 699, expected: false },
  { type: "integer", operator: "less_than", operand: -5, value: -6, expected: true },
  { type: "integer", operator: "less_than", operand: -5, value: -5, expected: false },
  {
    type: "integer",
    operator: "less_than_or_equal",
    operand: Number.MAX_SAFE_INTEGER,
    value: Number.MAX_SAFE_INTEGER,
    expected: true,
  },
  {
    type: "integer",
    operator: "less_than_or_equal",
    operand: Number.MIN_SAFE_INTEGER,
    value: Number.MIN_SAFE_INTEGER + 1,
    expected: false,
  },
  { type: "integer", operator: "in", operand: [1, 2, 3], value: 2, expected: true },
  { type: "integer", operator: "in", operand: [1, 2, 3], value: 4, expected: false },
  { type: "integer", operator: "in", operand: [0], value: -0, expected: true },
  { type: "integer", operator: "not_in", operand: [1, 2, 3], value: 4, expected: true },
  { type: "integer", operator: "not_in", operand: [1, 2, 3], value: 3, expected: false },
  // number: compared as IEEE-754 doubles, no rounding
  { type: "number", operator: "equals", operand: 0.3, value: 0.1 + 0.2, expected: false },
  { type: "number", operator: "equals", operand: 1.5, value: 1.5, expected: true },
  { type: "number", operator: "equals", operand: 2, value: 2.0, expected: true },
  { type: "number", operator: "not_equals", operand: 0, value: -0, expected: false },
  { type: "number", operator: "not_equals", operand: 0.3, value: 0.1 + 0.2, expected: true },
  { type: "number", operator: "greater_than", operand: 0.3, value: 0.1 + 0.2, expected: true },
  { type: "number", operator: "greater_than", operand: 1e-9, value: 0, expected: false },
  { type: "number", operator: "greater_than_or_equal", operand: -0.5, value: -0.5, expected: true },
  {
    type: "number",
    operator: "greater_than_or_equal",
    operand: -0.5,
    value: -0.5000000000000001,
    expected: false,
  },
  { type: "number", operator: "less_than", operand: 1e21, value: 1e20, expected: true },
  { type: "number", operator: "less_than", operand: 5e-324, value: 0, expected: true },
  { type: "number", operator: "less_than", operand: 0, value: -0, expected: false },
  { type: "number", operator: "less_than_or_equal", operand: 0, value: -0, expected: true },
  {
    type: "number",
    operator: "less_than_or_equal",
    operand: 1.5,
    value: 1.5000000000000002,
    expected: false,
  },
  { type: "number", operator: "in", operand: [1.5, 2, -3.25], value: -3.25, expected: true },
  { type: "number", operator: "in", operand: [1.5, 2], value: 2.5, expected: false },
  { type: "number", operator: "not_in", operand: [0], value: -0, expected: false },
  { type: "number", operator: "not_in", operand: [1.5], value: 1.25, expected: true },
  // boolean
  { type: "boolean", operator: "equals", operand: true, value: true, expected: true },
  { type: "boolean", operator: "equals", operand: true, value: false, expected: false },
  { type: "boolean", operator: "equals", operand: false, value: false, expected: true },
  { type: "boolean", operator: "not_equals", operand: false, value: true, expected: true },
  { type: "boolean", operator: "not_equals", operand: false, value: false, expected: false },
  // string: exact UTF-16 code units, no normalisation, case-sensitive
  { type: "string", operator: "equals", operand: "Asha", value: "Asha", expected: true },
  { type: "string", operator: "equals", operand: "Asha", value: "asha", expected: false },
  {
    type: "string",
    operator: "equals",
    operand: "caf\u00e9",
    value: "cafe\u0301",
    expected: false,
  },
  { type: "string", operator: "equals", operand: "a b", value: "a  b", expected: false },
  { type: "string", operator: "equals", operand: "", value: "", expected: true },
  { type: "string", operator: "not_equals", operand: "x", value: "x ", expected: true },
  { type: "string", operator: "not_equals", operand: "x", value: "x", expected: false },
  { type: "string", operator: "in", operand: ["MER-1", "MER-2"], value: "MER-2", expected: true },
  { type: "string", operator: "in", operand: ["MER-1", "MER-2"], value: "mer-2", expected: false },
  { type: "string", operator: "not_in", operand: ["MER-1"], value: "MER-3", expected: true },
  { type: "string", operator: "not_in", operand: ["MER-1"], value: "MER-1", expected: false },
  // enum
  { type: "enum", operator: "equals", operand: "gold", value: "gold", expected: true },
  { type: "enum", operator: "equals", operand: "gold", value: "silver", expected: false },
  { type: "enum", operator: "not_equals", operand: "gold", value: "bronze", expected: true },
  { type: "enum", operator: "not_equals", operand: "gold", value: "gold", expected: false },
  { type: "enum", operator: "in", operand: ["gold", "silver"], value: "silver", expected: true },
  { type: "enum", operator: "in", operand: ["gold", "silver"], value: "bronze", expected: false },
  { type: "enum", operator: "not_in", operand: ["gold"], value: "bronze", expected: true },
  { type: "enum", operator: "not_in", operand: ["gold"], value: "gold", expected: false },
];

describe("leaf semantics", () => {
  it.each(LEAF_CASES)(
    "$type $operator $operand on $value → $expected",
    ({ type, operator, operand, value, expected }) => {
      expect(matches(compileLeaf(type, operator, operand), value)).toBe(expected);
    },
  );

  it("covers every allowed operator of every type", () => {
    for (const [type, operators] of Object.entries(ALLOWED)) {
      for (const operator of operators) {
        const cases = LEAF_CASES.filter((c) => c.type === type && c.operator === operator);
        expect(
          cases.map((c) => c.expected),
          `${type} ${operator}`,
        ).toContain(true);
        expect(
          cases.map((c) => c.expected),
          `${type} ${operator}`,
        ).toContain(false);
      }
    }
  });

  it("never lets an ordering operator coerce a value that escaped validation", () => {
    const policy = compileLeaf("integer", "greater_than", 700);
    // evaluate() requires valid signals; even so a string never compares through coercion
    expect(policy.evaluate({ x: "800" })!.rule_id).toBe("miss");
    expect(policy.evaluate({ x: [900] })!.rule_id).toBe("miss");
  });
});

describe("composite semantics and rule order", () => {
  const schema = { a: { type: "boolean" }, b: { type: "boolean" } };
  const A = { signal: "a", equals: true };
  const B = { signal: "b", equals: true };

  function decide(condition: unknown, a: boolean, b: boolean): boolean {
    const result = compilePolicy({
      policyId: "composite",
      policyVersion: "1.0.0",
      schemaVersion: "1.0.0",
      signalsSchema: schema,
      rules: [rule("hit", condition), rule("miss", { all: [] })],
    });
    expect(result.errors).toEqual([]);
    return result.policy!.evaluate({ a, b })!.rule_id === "hit";
  }

  const truthTable: [boolean, boolean][] = [
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ];

  it("all is conjunction, any disjunction, not negation", () => {
    for (const [a, b] of truthTable) {
      expect(decide({ all: [A, B] }, a, b)).toBe(a && b);
      expect(decide({ any: [A, B] }, a, b)).toBe(a || b);
      expect(decide({ not: A }, a, b)).toBe(!a);
      expect(decide({ all: [A] }, a, b)).toBe(a);
      expect(decide({ any: [B] }, a, b)).toBe(b);
      expect(decide({ all: [A, B, { not: B }] }, a, b)).toBe(false);
      expect(decide({ any: [A, B, { not: B }] }, a, b)).toBe(true);
      expect(decide({ not: { any: [A, B] } }, a, b)).toBe(!a && !b);
      expect(decide({ any: [{ all: [A, { not: B }] }, { all: [{ not: A }, B] }] }, a, b)).toBe(
        a !== b,
      );
    }
  });

  it("{ all: [] } always matches and { any: [] } never does", () => {
    for (const [a, b] of truthTable) {
      expect(decide({ all: [] }, a, b)).toBe(true);
      expect(decide({ any: [] }, a, b)).toBe(false);
      expect(decide({ not: { all: [] } }, a, b)).toBe(false);
      expect(decide({ not: { any: [] } }, a, b)).toBe(true);
    }
  });

  it("the first matching rule decides", () => {
    const result = compilePolicy({
      policyId: "order",
      policyVersion: "1.0.0",
      schemaVersion: "1.0.0",
      signalsSchema: { n: { type: "integer" } },
      rules: [
        rule("gt-10", { signal: "n", greater_than: 10 }),
        rule("gt-5", { signal: "n", greater_than: 5 }),
        rule("gt-0", { signal: "n", greater_than: 0 }),
      ],
    });
    const policy = result.policy!;
    expect(policy.evaluate({ n: 11 })!.rule_id).toBe("gt-10");
    expect(policy.evaluate({ n: 10 })!.rule_id).toBe("gt-5");
    expect(policy.evaluate({ n: 1 })!.rule_id).toBe("gt-0");
    expect(policy.evaluate({ n: 0 })).toBeUndefined();
  });
});
