import type { SignalProblem } from "../compiled-policy.types.js";
import type { SignalType } from "../policy.types.js";
import { describeValue } from "../../internal/type-checks.js";

/** Checks one present signal value; returns the problem, or undefined when the value fits. */
export type SignalCheck = (value: unknown) => SignalProblem | undefined;

/** The declared signals of a schema, ready to check values without lookups by type. */
export interface SignalChecks {
  readonly names: readonly string[];
  readonly checks: readonly SignalCheck[];
  readonly declared: ReadonlySet<string>;
}

/** Builds the check of one declared signal (the schema was validated: enum values are present). */
export function createSignalCheck(
  name: string,
  type: SignalType,
  values: readonly string[] | undefined,
): SignalCheck {
  const label = quoteName(name);
  switch (type) {
    case "integer":
      return (value) =>
        typeof value === "number" && Number.isSafeInteger(value)
          ? undefined
          : problem(
              "VAL-007",
              name,
              `signal ${label} must be a safe integer, got ${describeValue(value)}`,
            );
    case "number":
      return (value) =>
        typeof value === "number" && Number.isFinite(value)
          ? undefined
          : problem(
              "VAL-005",
              name,
              `signal ${label} must be a finite number, got ${describeValue(value)}`,
            );
    case "boolean":
      return (value) =>
        typeof value === "boolean"
          ? undefined
          : problem(
              "VAL-006",
              name,
              `signal ${label} must be true or false, got ${describeValue(value)}`,
            );
    case "string":
      return (value) => {
        if (typeof value !== "string")
          return problem(
            "VAL-008",
            name,
            `signal ${label} must be a string, got ${describeValue(value)}`,
          );
        // canonical JSON refuses lone surrogates; refuse them here with the signal's name
        return value.isWellFormed()
          ? undefined
          : problem("VAL-008", name, `signal ${label} contains a lone UTF-16 surrogate`);
      };
    case "enum": {
      const allowed = new Set(values);
      const list = (values ?? []).map((v) => JSON.stringify(v)).join(", ");
      return (value) =>
        typeof value === "string" && allowed.has(value)
          ? undefined
          : problem(
              "VAL-009",
              name,
              `signal ${label} must be one of ${list}, got ${describeValue(value)}`,
            );
    }
  }
}

/** The VAL-004 problem of a declared signal that is absent. */
export function missingSignal(name: string): SignalProblem {
  return problem(
    "VAL-004",
    name,
    `signal ${quoteName(name)} is missing; every declared signal is required`,
  );
}

/** The VAL-003 problem of a signal the schema does not declare. */
export function undeclaredSignal(name: string): SignalProblem {
  return problem("VAL-003", name, `signal ${quoteName(name)} is not declared by the policy`);
}

/** The VAL-010 problem of signals that are not a plain object. */
export function signalsNotPlainObject(detail: string): SignalProblem {
  return Object.freeze({
    code: "VAL-010",
    message: `signals must be a plain object of name → value, ${detail}`,
  });
}

function problem(code: string, signal: string, message: string): SignalProblem {
  return Object.freeze({ code, message, signal });
}

// Names come from callers (possibly hostile); keep messages bounded.
function quoteName(name: string): string {
  return JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
}
