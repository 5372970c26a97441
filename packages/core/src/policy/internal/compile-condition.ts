import type { Condition } from "../policy.types.js";
import { conditionShape } from "./condition-shape.js";

/** A compiled condition: reads the signals it needs by captured name, nothing else. */
export type Predicate = (signals: Readonly<Record<string, unknown>>) => boolean;

const ALWAYS: Predicate = () => true;
const NEVER: Predicate = () => false;

/**
 * Turns a validated condition into a closure. All the work (operator dispatch, operand
 * conversion, Set construction for in/not_in) happens here, once; a call only reads properties
 * and compares.
 */
export function compileCondition(condition: Condition): Predicate {
  const shape = conditionShape(condition);
  switch (shape.kind) {
    case "all":
      return compileAll(shape.children.map(compileCondition));
    case "any":
      return compileAny(shape.children.map(compileCondition));
    case "not": {
      const child = compileCondition(shape.child);
      return (signals) => !child(signals);
    }
    case "leaf":
      return compileLeaf(shape.signal, shape.operator, shape.operand);
  }
}

function compileAll(children: readonly Predicate[]): Predicate {
  const [first, second] = children;
  if (first === undefined) return ALWAYS; // { "all": [] } is the catch-all
  if (second === undefined) return first;
  if (children.length === 2) return (signals) => first(signals) && second(signals);
  return (signals) => {
    for (let index = 0; index < children.length; index++) {
      if (!(children[index] as Predicate)(signals)) return false;
    }
    return true;
  };
}

function compileAny(children: readonly Predicate[]): Predicate {
  const [first, second] = children;
  if (first === undefined) return NEVER; // { "any": [] } never matches
  if (second === undefined) return first;
  if (children.length === 2) return (signals) => first(signals) || second(signals);
  return (signals) => {
    for (let index = 0; index < children.length; index++) {
      if ((children[index] as Predicate)(signals)) return true;
    }
    return false;
  };
}

function compileLeaf(name: string, operator: string, operand: unknown): Predicate {
  // Equality is strict (===): exact code units for strings, and -0 equals 0 for numbers, as in
  // the Set lookups of in/not_in (SameValueZero). Ordering operators also check the type, so a
  // value that escaped validation never compares through JavaScript's coercions.
  switch (operator) {
    case "equals":
      return (signals) => signals[name] === operand;
    case "not_equals":
      return (signals) => signals[name] !== operand;
    case "greater_than": {
      const bound = operand as number;
      return (signals) => {
        const value = signals[name];
        return typeof value === "number" && value > bound;
      };
    }
    case "greater_than_or_equal": {
      const bound = operand as number;
      return (signals) => {
        const value = signals[name];
        return typeof value === "number" && value >= bound;
      };
    }
    case "less_than": {
      const bound = operand as number;
      return (signals) => {
        const value = signals[name];
        return typeof value === "number" && value < bound;
      };
    }
    case "less_than_or_equal": {
      const bound = operand as number;
      return (signals) => {
        const value = signals[name];
        return typeof value === "number" && value <= bound;
      };
    }
    case "in": {
      const members = new Set(operand as readonly unknown[]);
      return (signals) => members.has(signals[name]);
    }
    case "not_in": {
      const members = new Set(operand as readonly unknown[]);
      return (signals) => !members.has(signals[name]);
    }
    default:
      return NEVER; // unreachable for validated conditions; fail closed
  }
}
