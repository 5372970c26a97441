import { existsSync } from "node:fs";
import { join } from "node:path";
import { BUNDLE_MANIFEST_FILE, BUNDLE_SIGNATURE_FILE } from "./bundle-files.js";
import { loadBundledPolicy } from "./internal/load-bundled-policy.js";
import { PolicyError, ValidationError } from "../errors/parmana-error.js";
import type { CompiledPolicy } from "../policy/compiled-policy.types.js";
import type { PolicyRegistry } from "../policy/policy-registry.types.js";
import { compilePolicy } from "../policy/compile-policy.js";
import { assertPolicyReference } from "../policy/internal/assert-policy-reference.js";
import { POLICY_FILE_NAME } from "../policy/internal/read-policy-file.js";
import { createPolicyCompilationError } from "../policy/problem-errors.js";
import { resolvePoliciesRoot, type PoliciesRootOptions } from "../policy/resolve-policies-root.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/** Options of {@link FilePolicyRegistry}: the `runtimeEnvironment` member it uses. */
export type FilePolicyRegistryOptions = PoliciesRootOptions;

/**
 * Serves policies from `{root}/{policyId}/{policyVersion}/policy.json`. The root is fixed at
 * construction: `policiesRootPath`, else `PARMANA_POLICIES_ROOT`, else `./policies`. Each
 * policy is read and compiled once, on its first `resolve`, then served from memory, so the hot
 * path does no I/O. Failures are not cached: a policy deployed later is found on the next call.
 *
 * When a bundle (`bundle.manifest.json` or `bundle.sig`, as `parmana policy build` writes them)
 * sits beside `policy.json`, it is used, never ignored: its content hashes, `bundleHash` and
 * runtime requirements must check out, and attestations then carry its `bundleHash`,
 * `manifestHash` and `manifestSignature`, exactly as with a trust root. The signature itself is
 * checked by whoever verifies with the key (`parmana verify attestation --policy`); to have it
 * checked before serving, give a trust root (`trustRootPath`, {@link StrictPolicyRegistry}).
 *
 * @example
 * ```ts
 * const registry = new FilePolicyRegistry({ policiesRootPath: "./policies" });
 * const policy = registry.resolve("loan-approval", "1.0.0");
 * ```
 */
export class FilePolicyRegistry implements PolicyRegistry {
  /** Absolute folder the policies are read from. */
  readonly rootPath: string;
  readonly #compiled = new Map<string, CompiledPolicy>();

  /**
   * @param options - `{ policiesRootPath? }`; the environment and working directory are read now
   */
  constructor(options: FilePolicyRegistryOptions = {}) {
    try {
      this.rootPath = resolvePoliciesRoot(options);
    } catch (error) {
      throw codedInputError(error, ValidationError, "VAL-020", "FilePolicyRegistry");
    }
  }

  /**
   * The compiled policy `policyId` at `policyVersion`.
   *
   * @param policyId - a safe folder name such as `"loan-approval"`
   * @param policyVersion - a semantic version such as `"1.0.0"`
   * @returns the compiled policy (the same object on every call)
   * @throws PolicyError `POL-003` / `POL-022` for an id or version that cannot name a folder
   *   (checked before any file access); `POL-001` when the file does not exist (the message
   *   names the path tried); `POL-008` when the file's policyId/policyVersion differ from its
   *   folders; the first compilation error otherwise, with every problem in `details.problems`;
   *   TrustError `TRUST-040`..`TRUST-044`, `TRUST-047`, `TRUST-048` for a bundle beside the
   *   policy that is incomplete, changed, for another policy or for another runtime
   */
  resolve(policyId: string, policyVersion: string): CompiledPolicy {
    assertPolicyReference(policyId, policyVersion);
    const key = `${policyId}@${policyVersion}`;
    const cached = this.#compiled.get(key);
    if (cached !== undefined) return cached;

    const dir = join(this.rootPath, policyId, policyVersion);
    const filePath = join(dir, POLICY_FILE_NAME);
    if (
      existsSync(filePath) &&
      (existsSync(join(dir, BUNDLE_MANIFEST_FILE)) || existsSync(join(dir, BUNDLE_SIGNATURE_FILE)))
    ) {
      const bundled = loadBundledPolicy(dir, policyId, policyVersion);
      this.#compiled.set(key, bundled);
      return bundled;
    }
    const result = compilePolicy(filePath, {
      expectedPolicyId: policyId,
      expectedPolicyVersion: policyVersion,
    });
    if (result.policy === undefined) {
      if (result.errors[0]?.code === "POL-001") {
        throw new PolicyError("POL-001", `Policy not found: ${key} (tried ${filePath})`, {
          details: { policyId, policyVersion, path: filePath },
        });
      }
      throw createPolicyCompilationError(result, filePath);
    }
    this.#compiled.set(key, result.policy);
    return result.policy;
  }

  /** Forgets every compiled policy, so the next `resolve` reads the files again. */
  clearCache(): void {
    this.#compiled.clear();
  }
}
