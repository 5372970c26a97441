import type { SignalType } from "../policy/policy.types.js";

/** Meaning of one comparison operator, as the evaluator applies it. */
export interface OperatorSemantics {
  /** What the operator decides, in words precise enough to re-implement it. */
  readonly meaning: string;
  /** Signal types the operator may be applied to (the compiler refuses others). */
  readonly signalTypes: readonly SignalType[];
  /** Shape of the operand: one scalar of the signal's type, or a non-empty list of them. */
  readonly operand: "scalar" | "list";
}

/** Meaning of one composite condition. */
export interface CompositeSemantics {
  readonly meaning: string;
  /** What the composite is given: a list of conditions or a single one. */
  readonly operand: "conditions" | "condition";
}

/**
 * Descriptor of what the policy evaluator means: operators, composites, rule order, the
 * catch-all, signal types. `evaluatorSemanticHash` is the canonical hash of this object, so it
 * changes when (and only when) the meaning of a policy could change, never on a refactor of the
 * evaluator's code. Bump `semanticsVersion` with every change: minor for an addition, major for
 * a change in the meaning of something that already existed.
 */
export interface EvaluatorSemanticsDescriptor {
  readonly semanticsVersion: string;
  readonly signalTypes: Readonly<Record<SignalType, string>>;
  readonly operators: Readonly<Record<string, OperatorSemantics>>;
  readonly composites: Readonly<Record<string, CompositeSemantics>>;
  readonly ruleOrder: string;
  readonly catchAll: string;
  readonly noMatch: string;
  readonly outcome: string;
}

const NUMERIC: readonly SignalType[] = ["integer", "number"];
const SCALAR: readonly SignalType[] = ["integer", "number", "boolean", "string", "enum"];
const LISTABLE: readonly SignalType[] = ["integer", "number", "string", "enum"];

/**
 * The semantics of the evaluator shipped in this version of `@parmanasystems/core`.
 * Committed source, not generated: editing a meaning here is a deliberate, reviewed act.
 */
export const EVALUATOR_SEMANTICS: EvaluatorSemanticsDescriptor = deepFreeze({
  semanticsVersion: "1.0.0",
  signalTypes: {
    integer: "a JSON number that is a safe integer (Number.isSafeInteger)",
    number: "a finite JSON number (IEEE-754 double); NaN and Infinity are refused",
    boolean: "true or false",
    string: "a JSON string, compared by UTF-16 code units without Unicode normalisation",
    enum: "a JSON string that is one of the declared values",
  },
  operators: {
    equals: {
      meaning: "matches when the signal value is strictly equal (===) to the operand",
      signalTypes: SCALAR,
      operand: "scalar",
    },
    not_equals: {
      meaning: "matches when the signal value is not strictly equal (!==) to the operand",
      signalTypes: SCALAR,
      operand: "scalar",
    },
    greater_than: {
      meaning: "matches when the numeric signal value is greater than the operand (>)",
      signalTypes: NUMERIC,
      operand: "scalar",
    },
    greater_than_or_equal: {
      meaning: "matches when the numeric signal value is greater than or equal to the operand (>=)",
      signalTypes: NUMERIC,
      operand: "scalar",
    },
    less_than: {
      meaning: "matches when the numeric signal value is less than the operand (<)",
      signalTypes: NUMERIC,
      operand: "scalar",
    },
    less_than_or_equal: {
      meaning: "matches when the numeric signal value is less than or equal to the operand (<=)",
      signalTypes: NUMERIC,
      operand: "scalar",
    },
    in: {
      meaning:
        "matches when the signal value is strictly equal to at least one element of the operand list",
      signalTypes: LISTABLE,
      operand: "list",
    },
    not_in: {
      meaning: "matches when the signal value is strictly equal to no element of the operand list",
      signalTypes: LISTABLE,
      operand: "list",
    },
  },
  composites: {
    all: {
      meaning: "matches when every listed condition matches; an empty list always matches",
      operand: "conditions",
    },
    any: {
      meaning: "matches when at least one listed condition matches; an empty list never matches",
      operand: "conditions",
    },
    not: {
      meaning: "matches when the single nested condition does not match",
      operand: "condition",
    },
  },
  ruleOrder: "rules are evaluated top to bottom and the first rule whose condition matches decides",
  catchAll: "a rule whose condition is { all: [] } matches every valid signal set",
  noMatch: "when no rule matches, evaluation yields no decision and execution fails with SYS-006",
  outcome:
    "the matched rule's outcome { action, requires_override, reason } is the decision, unchanged",
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
