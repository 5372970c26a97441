import type { ComparisonOperator, SignalType } from "../policy.types.js";

/** Every comparison operator of a leaf condition. */
export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = Object.freeze([
  "equals",
  "not_equals",
  "greater_than",
  "greater_than_or_equal",
  "less_than",
  "less_than_or_equal",
  "in",
  "not_in",
]);

/** Every signal type a `signalsSchema` may declare. */
export const SIGNAL_TYPES: readonly SignalType[] = Object.freeze([
  "integer",
  "number",
  "boolean",
  "string",
  "enum",
]);

const ORDERING: readonly ComparisonOperator[] = [
  "greater_than",
  "greater_than_or_equal",
  "less_than",
  "less_than_or_equal",
];
const EQUALITY: readonly ComparisonOperator[] = ["equals", "not_equals"];
const MEMBERSHIP: readonly ComparisonOperator[] = ["in", "not_in"];

/** Operators each signal type accepts: ordering only on numbers, membership not on booleans. */
export const OPERATORS_BY_TYPE: Readonly<Record<SignalType, readonly ComparisonOperator[]>> =
  Object.freeze({
    integer: [...EQUALITY, ...ORDERING, ...MEMBERSHIP],
    number: [...EQUALITY, ...ORDERING, ...MEMBERSHIP],
    boolean: [...EQUALITY],
    string: [...EQUALITY, ...MEMBERSHIP],
    enum: [...EQUALITY, ...MEMBERSHIP],
  });

/** True for `in` / `not_in`, whose operand is a list. */
export function isMembershipOperator(operator: ComparisonOperator): boolean {
  return operator === "in" || operator === "not_in";
}

/** True when `name` is one of the comparison operators. */
export function isComparisonOperator(name: string): name is ComparisonOperator {
  return (COMPARISON_OPERATORS as readonly string[]).includes(name);
}

/** True when `name` is one of the signal types. */
export function isSignalType(name: unknown): name is SignalType {
  return typeof name === "string" && (SIGNAL_TYPES as readonly string[]).includes(name);
}

// Spellings authors reach for first; the error message names the supported operator.
const OPERATOR_ALIASES: Readonly<Record<string, ComparisonOperator>> = {
  "==": "equals",
  "===": "equals",
  eq: "equals",
  equal: "equals",
  "!=": "not_equals",
  "!==": "not_equals",
  ne: "not_equals",
  neq: "not_equals",
  not_equal: "not_equals",
  ">": "greater_than",
  gt: "greater_than",
  ">=": "greater_than_or_equal",
  gte: "greater_than_or_equal",
  "<": "less_than",
  lt: "less_than",
  "<=": "less_than_or_equal",
  lte: "less_than_or_equal",
  nin: "not_in",
  notIn: "not_in",
};

/** The supported operator an unknown spelling most likely means, if any. */
export function suggestOperator(name: string): ComparisonOperator | undefined {
  return Object.prototype.hasOwnProperty.call(OPERATOR_ALIASES, name)
    ? OPERATOR_ALIASES[name]
    : undefined;
}
