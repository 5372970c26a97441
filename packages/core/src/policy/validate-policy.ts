import type { PolicyValidationResult } from "./compiled-policy.types.js";
import { checkPolicyDocument } from "./internal/check-policy-document.js";

/**
 * Type-checks a policy document without compiling it: the same problems as
 * {@link compilePolicy}, every one at once, each with its `POL-` code and JSON path.
 *
 * @param json - the parsed policy document (anything; nothing is thrown for bad input)
 * @returns `{ valid, errors, warnings }` (no `policy`)
 * @example
 * ```ts
 * const { valid, errors } = validatePolicy(JSON.parse(text));
 * // errors: [{ code: "POL-015", path: "$.rules[1].condition.signal", message: "..." }, ...]
 * ```
 */
export function validatePolicy(json: unknown): PolicyValidationResult {
  const check = checkPolicyDocument(json);
  return Object.freeze({
    valid: check.errors.length === 0,
    errors: Object.freeze([...check.errors]),
    warnings: Object.freeze([...check.warnings]),
  });
}
