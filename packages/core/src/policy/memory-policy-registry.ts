import { PolicyError } from "../errors/parmana-error.js";
import type { CompiledPolicy } from "./compiled-policy.types.js";
import type { PolicyDocument } from "./policy.types.js";
import type { PolicyRegistry } from "./policy-registry.types.js";
import { ensureCompiledPolicy } from "./ensure-compiled-policy.js";
import { assertPolicyReference } from "./internal/assert-policy-reference.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/**
 * Holds policies in memory, for embedding and tests. A version is immutable: registering a
 * different document under an id and version already present is refused (`POL-029`);
 * registering the same content again is a no-op.
 *
 * @example
 * ```ts
 * const registry = new MemoryPolicyRegistry([loanPolicyDocument]);
 * registry.resolve("loan-approval", "1.0.0").evaluate(signals);
 * ```
 */
export class MemoryPolicyRegistry implements PolicyRegistry {
  readonly #compiled = new Map<string, CompiledPolicy>();
  // The last policy resolved, by its id and version: a registered entry is never replaced (POL-029),
  // so the same two strings always resolve to it, without the lookup key being built again.
  #lastResolved: { policyId: string; policyVersion: string; compiled: CompiledPolicy } | undefined;

  /**
   * @param policies - documents or compiled policies to register now
   * @throws PolicyError as {@link MemoryPolicyRegistry.register}
   */
  constructor(policies: Iterable<PolicyDocument | CompiledPolicy> = []) {
    try {
      for (const policy of policies) this.register(policy);
    } catch (error) {
      throw codedInputError(error, PolicyError, "POL-030", "MemoryPolicyRegistry");
    }
  }

  /**
   * Compiles (when needed) and registers a policy under its policyId and policyVersion.
   *
   * @param policy - a policy document or a compiled policy
   * @returns the compiled policy that `resolve` will return
   * @throws PolicyError with the first `POL-` code when the document does not compile;
   *   `POL-029` when another document is registered under the same id and version
   */
  register(policy: PolicyDocument | CompiledPolicy): CompiledPolicy {
    const compiled = ensureCompiledPolicy(policy);
    const key = `${compiled.policyId}@${compiled.policyVersion}`;
    const existing = this.#compiled.get(key);
    if (existing !== undefined) {
      if (existing.policyHash === compiled.policyHash) return existing;
      throw new PolicyError(
        "POL-029",
        `a different policy is already registered as ${key}; publish changes under a new policyVersion`,
        {
          details: {
            policyId: compiled.policyId,
            policyVersion: compiled.policyVersion,
            registeredHash: existing.policyHash,
            policyHash: compiled.policyHash,
          },
        },
      );
    }
    this.#compiled.set(key, compiled);
    return compiled;
  }

  /**
   * The registered policy `policyId` at `policyVersion`.
   *
   * @param policyId - the policy's id
   * @param policyVersion - its semantic version
   * @returns the compiled policy
   * @throws PolicyError `POL-003` / `POL-022` for a malformed id or version; `POL-001`
   *   (naming `memory:{policyId}@{policyVersion}`) when nothing is registered under them
   */
  resolve(policyId: string, policyVersion: string): CompiledPolicy {
    const last = this.#lastResolved;
    if (last !== undefined && last.policyId === policyId && last.policyVersion === policyVersion)
      return last.compiled;
    assertPolicyReference(policyId, policyVersion);
    const compiled = this.#compiled.get(`${policyId}@${policyVersion}`);
    if (compiled === undefined) {
      throw new PolicyError("POL-001", `Policy not found: memory:${policyId}@${policyVersion}`, {
        details: { policyId, policyVersion, path: `memory:${policyId}@${policyVersion}` },
      });
    }
    this.#lastResolved = { policyId, policyVersion, compiled };
    return compiled;
  }

  /**
   * Whether a policy is registered under the id and version.
   *
   * @param policyId - the policy's id
   * @param policyVersion - its version
   * @returns true when `resolve` would return it
   */
  has(policyId: string, policyVersion: string): boolean {
    return this.#compiled.has(`${policyId}@${policyVersion}`);
  }
}
