import type { ComparisonOperator, Condition, LeafCondition } from "../policy.types.js";
import { isComparisonOperator } from "./operators.js";

/** A validated condition, told apart by its one member. */
export type ConditionShape =
  | { readonly kind: "all"; readonly children: readonly Condition[] }
  | { readonly kind: "any"; readonly children: readonly Condition[] }
  | { readonly kind: "not"; readonly child: Condition }
  | {
      readonly kind: "leaf";
      readonly signal: string;
      readonly operator: ComparisonOperator;
      readonly operand: unknown;
    };

/**
 * Reads the shape of a condition that validation already accepted (exactly one of all/any/not,
 * or a leaf with one operator). Only call it on validated conditions.
 */
export function conditionShape(condition: Condition): ConditionShape {
  const record = condition as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(record, "all"))
    return { kind: "all", children: record["all"] as Condition[] };
  if (Object.prototype.hasOwnProperty.call(record, "any"))
    return { kind: "any", children: record["any"] as Condition[] };
  if (Object.prototype.hasOwnProperty.call(record, "not"))
    return { kind: "not", child: record["not"] as Condition };
  const leaf = condition as LeafCondition;
  for (const key of Object.keys(record)) {
    if (isComparisonOperator(key))
      return { kind: "leaf", signal: leaf.signal, operator: key, operand: record[key] };
  }
  // Unreachable for validated conditions; should it ever happen, fail closed: match nothing.
  return { kind: "any", children: [] };
}

/** True when the condition matches every set of signals, by structure alone (`{ all: [] }` and friends). */
export function alwaysMatches(condition: Condition): boolean {
  const shape = conditionShape(condition);
  switch (shape.kind) {
    case "all":
      return shape.children.every(alwaysMatches);
    case "any":
      return shape.children.some(alwaysMatches);
    case "not":
      return neverMatches(shape.child);
    case "leaf":
      return false;
  }
}

/** True when the condition matches no set of signals, by structure alone (`{ any: [] }` and friends). */
export function neverMatches(condition: Condition): boolean {
  const shape = conditionShape(condition);
  switch (shape.kind) {
    case "all":
      return shape.children.some(neverMatches);
    case "any":
      return shape.children.every(neverMatches);
    case "not":
      return alwaysMatches(shape.child);
    case "leaf":
      return false;
  }
}
