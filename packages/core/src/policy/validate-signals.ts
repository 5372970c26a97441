import type { SignalProblem } from "./compiled-policy.types.js";
import { checkSignals } from "./internal/check-signals.js";
import { isPlainArray, isPlainRecord } from "../internal/type-checks.js";
import { isSignalType } from "./internal/operators.js";
import { createSignalCheck, type SignalCheck } from "./internal/signal-checks.js";

/**
 * Checks signals against an uncompiled `signalsSchema` with the `VAL-` codes: `VAL-003`
 * undeclared, `VAL-004` missing, `VAL-005`..`VAL-009` wrong type or enum value, `VAL-010` not a
 * plain object, and for the schema itself `VAL-011` enum without values and `VAL-012`
 * unsupported type (a compiled policy cannot have those: its compiler refuses them as `POL-`
 * errors). Every problem is returned at once.
 *
 * Prefer `compiledPolicy.validateSignals(signals)` on hot paths: it reuses checks prepared at
 * compile time.
 *
 * @param signalsSchema - a policy's `signalsSchema`, possibly unvalidated
 * @param signals - the signals to check (plain values; unwrap governed signals first)
 * @returns every problem; empty when the signals are valid
 * @example
 * ```ts
 * validateSignalsAgainstSchema({ credit_score: { type: "integer" } }, { credit_score: 7.5 });
 * // [{ code: "VAL-007", signal: "credit_score", message: "signal \"credit_score\" must be a safe integer, got number 7.5" }]
 * ```
 */
export function validateSignalsAgainstSchema(
  signalsSchema: unknown,
  signals: unknown,
): readonly SignalProblem[] {
  try {
    return signalsSchemaProblems(signalsSchema, signals);
  } catch {
    // A getter or Proxy trap threw: reported, like every other problem, instead of thrown.
    return Object.freeze([
      {
        code: "VAL-010",
        message: "the signals or the signalsSchema could not be read as plain data",
      },
    ]);
  }
}

function signalsSchemaProblems(signalsSchema: unknown, signals: unknown): readonly SignalProblem[] {
  const schemaProblems: SignalProblem[] = [];
  const names: string[] = [];
  const checks: SignalCheck[] = [];
  if (isPlainRecord(signalsSchema)) {
    for (const name of Object.keys(signalsSchema)) {
      names.push(name);
      checks.push(schemaCheck(name, signalsSchema[name], schemaProblems));
    }
  } else {
    schemaProblems.push({
      code: "VAL-012",
      message: "signalsSchema is not an object of signal declarations",
    });
  }
  const problems = checkSignals(signals, { names, checks, declared: new Set(names) });
  return Object.freeze([...schemaProblems, ...problems]);
}

// A declaration the schema gets wrong is reported once, and its value is not checked further.
function schemaCheck(name: string, declaration: unknown, problems: SignalProblem[]): SignalCheck {
  const skip: SignalCheck = () => undefined;
  if (!isPlainRecord(declaration) || !isSignalType(declaration["type"])) {
    problems.push({
      code: "VAL-012",
      signal: name,
      message: `signal ${JSON.stringify(name.slice(0, 64))} has no supported type in the schema`,
    });
    return skip;
  }
  const type = declaration["type"];
  if (type !== "enum") return createSignalCheck(name, type, undefined);
  const values = declaration["values"];
  if (
    !isPlainArray(values) ||
    values.length === 0 ||
    !values.every((value) => typeof value === "string")
  ) {
    problems.push({
      code: "VAL-011",
      signal: name,
      message: `enum signal ${JSON.stringify(name.slice(0, 64))} has no values in the schema`,
    });
    return skip;
  }
  return createSignalCheck(name, type, values as readonly string[]);
}
