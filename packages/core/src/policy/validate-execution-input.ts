import type { SignalProblem } from "./compiled-policy.types.js";
import { describeValue, hasOwn, isPlainRecord } from "../internal/type-checks.js";

/** Longest accepted `executionId`, `policyId` or `policyVersion` in an execution input. */
const MAX_FIELD_LENGTH = 256;
// C0 controls, DEL and C1 controls: never part of a business id, and they corrupt logs and keys.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks the shape of an execution input (`executeFromSignals` / `simulate` step 1) before
 * anything else is touched, reporting every problem at once:
 *
 * - `VAL-001` the input is not a plain object;
 * - `VAL-002` `policyId` or `policyVersion` is missing, not a string, empty, longer than 256
 *   characters or has control characters; `executionId` is present (not `undefined`) but is not
 *   such a string;
 * - `VAL-010` `signals` is missing or not a plain object (its values are checked later,
 *   against the policy).
 *
 * Whether `policyId` is a safe folder name and `policyVersion` a semantic version is left to
 * the registry, which refuses them with `POL-003` / `POL-022` before any file access (a `v1`
 * version is `POL-022`).
 *
 * @param input - the execution input as received
 * @returns every problem (with `field` set for input members); empty when the shape is valid
 * @example
 * ```ts
 * const problems = validateExecutionInputShape(input);
 * if (problems.length > 0) throw createSignalValidationError(problems);
 * ```
 */
export function validateExecutionInputShape(input: unknown): readonly SignalProblem[] {
  try {
    return executionInputShapeProblems(input);
  } catch {
    // A getter or Proxy trap threw: reported, like every other problem, instead of thrown.
    return Object.freeze([
      { code: "VAL-001", message: "the execution input could not be read as plain data" },
    ]);
  }
}

function executionInputShapeProblems(input: unknown): readonly SignalProblem[] {
  if (!isPlainRecord(input)) {
    return Object.freeze([
      {
        code: "VAL-001",
        message: `the execution input must be a plain object { policyId, policyVersion, signals, executionId? }, got ${describeValue(input)}`,
      },
    ]);
  }
  const problems: SignalProblem[] = [];
  checkIdField(input, "policyId", true, problems);
  checkIdField(input, "policyVersion", true, problems);
  checkIdField(input, "executionId", false, problems);
  const signals = input["signals"];
  if (!hasOwn(input, "signals"))
    problems.push({ code: "VAL-010", message: "the execution input has no signals" });
  else if (!isPlainRecord(signals)) {
    problems.push({
      code: "VAL-010",
      message: `signals must be a plain object of name → value, got ${describeValue(signals)}`,
    });
  }
  return problems.length === 0 ? NO_PROBLEMS : Object.freeze(problems);
}

const NO_PROBLEMS: readonly SignalProblem[] = Object.freeze([]);

function checkIdField(
  input: Record<string, unknown>,
  field: string,
  required: boolean,
  problems: SignalProblem[],
): void {
  const value = hasOwn(input, field) ? input[field] : undefined;
  if (value === undefined) {
    if (required) problems.push({ code: "VAL-002", field, message: `${field} is missing` });
    return;
  }
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_FIELD_LENGTH) {
    problems.push({
      code: "VAL-002",
      field,
      message: `${field} must be a non-empty string of at most ${MAX_FIELD_LENGTH} characters, got ${describeValue(value)}`,
    });
  } else if (value === lastAccepted[field]) {
    // policyId and policyVersion repeat from one call to the next: already accepted as they are.
  } else if (CONTROL_CHARACTER.test(value) || !value.isWellFormed()) {
    problems.push({
      code: "VAL-002",
      field,
      message: `${field} must not contain control characters or lone surrogates`,
    });
  } else {
    lastAccepted[field] = value;
  }
}

// The last value of each id field that passed the checks above (strings are immutable).
const lastAccepted: Record<string, string | undefined> = Object.create(null) as Record<
  string,
  string | undefined
>;
