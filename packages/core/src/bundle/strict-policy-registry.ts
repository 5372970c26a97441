import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { PolicyError, TrustError } from "../errors/parmana-error.js";
import { type Clock, readClockInstant } from "../internal/read-clock.js";
import type { CompiledPolicy } from "../policy/compiled-policy.types.js";
import { assertPolicyReference } from "../policy/internal/assert-policy-reference.js";
import type { PolicyRegistry } from "../policy/policy-registry.types.js";
import type { RuntimeManifest } from "../runtime/runtime-manifest.types.js";
import { loadTrustRoot } from "../trust/load-trust-root.js";
import { selectTrustedKey } from "../trust/select-trusted-key.js";
import type { TrustRoot } from "../trust/trust-root.types.js";
import { POLICY_ARTIFACT } from "./bundle-files.js";
import { loadBundledPolicy } from "./internal/load-bundled-policy.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/** Options of {@link StrictPolicyRegistry}. */
export interface StrictPolicyRegistryOptions {
  /** The policies root: bundles live at `{root}/{policyId}/{policyVersion}/`. */
  readonly root: string;
  /** The trust root (object, path or JSON text) whose `manifest`/`bundle` keys may sign bundles. */
  readonly trustRoot: TrustRoot | string;
  /**
   * Time at which the signing key must be valid and unrevoked (a Date or epoch milliseconds); the
   * wall clock by default.
   */
  readonly clock?: Clock;
  /** The runtime whose requirements are checked; the running one by default (tests inject others). */
  readonly runtimeManifest?: RuntimeManifest;
}

/**
 * A policy registry that serves only signed bundles: on the first `resolve` of a policy it
 * checks the bundle's content hashes, its `bundleHash`, that bundle.sig verifies under a key of
 * the trust root meant for manifests or bundles and valid now, and that the running runtime
 * meets the bundle's runtime requirements; then it compiles the exact policy text that was
 * hashed and caches the result. The compiled policy carries `bundle`
 * (`bundleHash`, `manifestHash`, `manifestSignature`), so attestations name the real bundle.
 * Failures are not cached. Fails closed: anything unverified is refused.
 *
 * @example
 * ```ts
 * const policies = new StrictPolicyRegistry({ root: "./policies", trustRoot: "trust/trust-root.json" });
 * await executeFromSignals(input, signer, verifier, { replayStore, policies });
 * ```
 */
export class StrictPolicyRegistry implements PolicyRegistry {
  /** Absolute policies root. */
  readonly rootPath: string;
  /** The validated trust root. */
  readonly trustRoot: TrustRoot;
  readonly #clock: Clock | undefined;
  readonly #runtime: RuntimeManifest | undefined;
  readonly #cache = new Map<string, CompiledPolicy>();

  /**
   * @param options - policies root, trust root, clock, runtime
   * @throws TrustError `TRUST-001`/`TRUST-002` for a trust root that cannot be loaded
   */
  constructor(options: StrictPolicyRegistryOptions) {
    try {
      this.rootPath = resolve(options.root);
      this.trustRoot = loadTrustRoot(options.trustRoot);
      this.#clock = options.clock;
      this.#runtime = options.runtimeManifest;
    } catch (error) {
      throw codedInputError(error, TrustError, "TRUST-070", "StrictPolicyRegistry");
    }
  }

  /**
   * The verified, compiled policy `policyId` at `policyVersion`.
   *
   * @param policyId - a safe folder name
   * @param policyVersion - a semantic version
   * @returns the compiled policy with its `bundle` identity (the same object on every call)
   * @throws PolicyError `POL-003`/`POL-022` bad id or version, `POL-001` no policy there, or the
   *   first compilation error; TrustError `TRUST-040`..`TRUST-044`, `TRUST-048` bundle missing,
   *   malformed or changed, `TRUST-045` bad signature, `TRUST-046` signing key not trusted,
   *   `TRUST-047` runtime requirements not met
   */
  resolve(policyId: string, policyVersion: string): CompiledPolicy {
    assertPolicyReference(policyId, policyVersion);
    const key = `${policyId}@${policyVersion}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;

    const dir = join(this.rootPath, policyId, policyVersion);
    if (!existsSync(join(dir, POLICY_ARTIFACT))) {
      throw new PolicyError(
        "POL-001",
        `Policy not found: ${key} (tried ${join(dir, POLICY_ARTIFACT)})`,
        {
          details: { policyId, policyVersion, path: join(dir, POLICY_ARTIFACT) },
        },
      );
    }
    const policy = loadBundledPolicy(dir, policyId, policyVersion, {
      runtime: this.#runtime,
      authenticate: (signature, signingInput) => {
        const choice = selectTrustedKey(this.trustRoot, signature.keyId, {
          // A clock that reads no valid instant gives an Invalid Date: TRUST-025, no signing time.
          at: new Date(readClockInstant(this.#clock, "date-or-epoch-ms") ?? Number.NaN),
          purpose: ["manifest", "bundle"],
        });
        if (!choice.ok) {
          throw new TrustError(
            "TRUST-046",
            `bundle ${key} is signed by a key the trust root does not accept for bundles: [${choice.code}] ${choice.reason}`,
            {
              details: { policyId, policyVersion, keyId: signature.keyId, reasonCode: choice.code },
            },
          );
        }
        if (!choice.verifier.verify(signingInput, signature.signature)) {
          throw new TrustError(
            "TRUST-045",
            `bundle.sig of ${key} does not verify over its manifest under key ${signature.keyId}`,
            { details: { policyId, policyVersion, keyId: signature.keyId } },
          );
        }
      },
    });
    this.#cache.set(key, policy);
    return policy;
  }

  /** Forgets every verified policy, so the next `resolve` checks the bundles again. */
  clearCache(): void {
    this.#cache.clear();
  }
}
