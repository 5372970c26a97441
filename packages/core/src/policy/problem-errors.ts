import type { ParmanaErrorCodeOf } from "../errors/parmana-error.js";
import { PolicyError, ValidationError } from "../errors/parmana-error.js";
import type { PolicyCompilationResult, SignalProblem } from "./compiled-policy.types.js";

/**
 * The `ValidationError` for a list of signal or input problems: the first problem's code and
 * message, every problem in `details.problems`.
 *
 * @param problems - at least one problem, as returned by `validateSignals` or
 *   {@link validateExecutionInputShape}
 * @returns the error to throw
 * @example
 * ```ts
 * const problems = policy.validateSignals(signals);
 * if (problems.length > 0) throw createSignalValidationError(problems);
 * ```
 */
export function createSignalValidationError(problems: readonly SignalProblem[]): ValidationError {
  const [first] = problems;
  if (first === undefined)
    return new ValidationError("VAL-010", "signals are invalid", { details: { problems: [] } });
  return new ValidationError(
    first.code as ParmanaErrorCodeOf<"VAL">,
    first.message + more(problems.length),
    {
      details: { problems: [...problems] },
    },
  );
}

/**
 * The `PolicyError` for a policy that does not compile: the first error's code, message and
 * path, every error and warning in `details`.
 *
 * @param result - an invalid result of `compilePolicy` / `validatePolicy`
 * @param subject - what was compiled, for the message (a file path or `policyId@version`)
 * @returns the error to throw
 */
export function createPolicyCompilationError(
  result: PolicyCompilationResult,
  subject?: string,
): PolicyError {
  const [first] = result.errors;
  const details = {
    problems: [...result.errors],
    warnings: [...result.warnings],
    ...(result.source === undefined ? {} : { source: result.source }),
  };
  if (first === undefined) return new PolicyError("POL-030", "policy is invalid", { details });
  const where = subject === undefined ? "" : `${subject}: `;
  return new PolicyError(
    first.code as ParmanaErrorCodeOf<"POL">,
    `${where}${first.message}${first.path === "$" ? "" : ` at ${first.path}`}${more(result.errors.length)}`,
    { details },
  );
}

function more(count: number): string {
  return count > 1 ? ` (and ${count - 1} more problem${count > 2 ? "s" : ""})` : "";
}
