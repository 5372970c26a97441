import { compilePolicy, createPolicyCompilationError, type CompiledPolicy, type PolicyCompilationResult } from "@parmanasystems/core";
import { resolvePath } from "./resolve-path.js";

/**
 * Compiles a policy folder or policy.json and reports every problem (`parmana policy compile`).
 *
 * @param io - working directory
 * @param path - folder or file, as typed
 * @returns the compilation result (never throws for a bad policy)
 */
export function compilePolicyPath(io: { readonly cwd: string }, path: string): PolicyCompilationResult {
  return compilePolicy(resolvePath(io, path));
}

/**
 * Loads a policy that must compile.
 *
 * @param io - working directory
 * @param path - folder or file, as typed
 * @returns the compiled policy
 * @throws PolicyError with the first problem's code (`POL-001` not found, ...)
 */
export function loadCompiledPolicy(io: { readonly cwd: string }, path: string): CompiledPolicy {
  const result = compilePolicyPath(io, path);
  if (result.policy === undefined) throw createPolicyCompilationError(result, path);
  return result.policy;
}
