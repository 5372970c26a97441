import type { CompiledPolicy } from "./compiled-policy.types.js";

/**
 * Where `executeFromSignals` finds policies. `resolve` is synchronous after the first load of a
 * policy (cached), so the hot path does no I/O. It throws a coded `POL-` error (naming the path
 * or key tried) when the policy or version does not exist or does not compile.
 */
export interface PolicyRegistry {
  resolve(policyId: string, policyVersion: string): CompiledPolicy;
}
