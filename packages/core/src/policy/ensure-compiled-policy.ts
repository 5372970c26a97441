import { PolicyError } from "../errors/parmana-error.js";
import type { CompiledPolicy } from "./compiled-policy.types.js";
import type { PolicyDocument } from "./policy.types.js";
import { compilePolicy } from "./compile-policy.js";
import { describeValue } from "../internal/type-checks.js";
import { createPolicyCompilationError } from "./problem-errors.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

// Compiled once per document object; treat a document as immutable once it has been used.
const compiledByDocument = new WeakMap<object, CompiledPolicy>();

/**
 * True for a compiled policy, from this or another installed copy of core (checked by shape).
 *
 * @param value - anything
 * @returns true when `value` has the `CompiledPolicy` members
 */
export function isCompiledPolicy(value: unknown): value is CompiledPolicy {
  try {
    if (typeof value !== "object" || value === null) return false;
    const candidate = value as Partial<Record<keyof CompiledPolicy, unknown>>;
    return (
      typeof candidate.evaluate === "function" &&
      typeof candidate.validateSignals === "function" &&
      typeof candidate.overrideRolesFor === "function" &&
      typeof candidate.policyHash === "string"
    );
  } catch {
    // a value whose properties cannot be read is not one
    return false;
  }
}

/**
 * Returns the compiled form of a policy: a compiled policy as is, a document compiled once and
 * cached per document object (a WeakMap, so documents are not kept alive). Do not mutate a
 * document after passing it: the cached compilation would not see the change.
 *
 * @param policy - a policy document or a compiled policy
 * @returns the compiled policy
 * @throws PolicyError with the first `POL-` code when the document does not compile (all
 *   problems in `details.problems`)
 */
export function ensureCompiledPolicy(policy: PolicyDocument | CompiledPolicy): CompiledPolicy {
  try {
    if (isCompiledPolicy(policy)) return policy;
    if (typeof policy !== "object" || policy === null) {
      throw new PolicyError(
        "POL-030",
        `a policy must be a policy document or a compiled policy, got ${describeValue(policy)}`,
      );
    }
    const cached = compiledByDocument.get(policy);
    if (cached !== undefined) return cached;
    const result = compilePolicy(policy);
    if (result.policy === undefined) throw createPolicyCompilationError(result);
    compiledByDocument.set(policy, result.policy);
    return result.policy;
  } catch (error) {
    throw codedInputError(error, PolicyError, "POL-030", "ensureCompiledPolicy");
  }
}
