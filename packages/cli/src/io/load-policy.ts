import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  compilePolicy,
  createTrustRoot,
  createTrustRootKey,
  StrictPolicyRegistry,
  verifyBundle,
  type CompiledPolicy,
  type LocalVerifier,
  type PolicyCompilationResult,
  type TrustRoot,
} from "@parmanasystems/core";
import { BUNDLE_MANIFEST_FILE, createPolicyCompilationError } from "@parmanasystems/core/internal";
import { CliError } from "../errors/index.js";
import { findPolicies } from "../policy/find-policies.js";
import { resolvePath } from "./resolve-path.js";

/**
 * Compiles a policy folder or policy.json and reports every problem (`parmana policy compile`).
 *
 * @param io - working directory
 * @param path - folder or file, as typed
 * @returns the compilation result (never throws for a bad policy)
 */
export function compilePolicyPath(
  io: { readonly cwd: string },
  path: string,
): PolicyCompilationResult {
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

/** Whom a policy bundle must be signed by, for {@link loadPolicyForVerification}. */
export type BundleTrust = { readonly trustRoot: TrustRoot } | { readonly publicKey: LocalVerifier };

/**
 * Loads the policy an attestation is checked against (`verify attestation --policy`). A plain
 * policy is compiled; a signed bundle (bundle.manifest.json beside policy.json) is served by
 * core's StrictPolicyRegistry, so the bundle's hashes are compared too. With a public key, the
 * bundle must be signed by that key.
 *
 * @param io - working directory
 * @param path - the policy's version folder or its policy.json, as typed
 * @param trust - the trust root, or the public key, that the bundle must verify under
 * @returns the compiled policy, carrying its bundle identity when it is a bundle
 * @throws PolicyError `POL-`; TrustError `TRUST-04x` for a bundle that does not verify;
 *   CliError `CLI-001` for a bundle outside a `{policyId}/{policyVersion}` folder
 */
export function loadPolicyForVerification(
  io: { readonly cwd: string },
  path: string,
  trust: BundleTrust,
): CompiledPolicy {
  const found = findPolicies(io, path)[0];
  if (found === undefined || !existsSync(join(found.dir, BUNDLE_MANIFEST_FILE)))
    return loadCompiledPolicy(io, path);
  if (found.expected === undefined) {
    throw new CliError(
      "CLI-001",
      `${path}: a policy bundle must sit in a {policyId}/{policyVersion} folder under a policies root`,
    );
  }
  let trustRoot: TrustRoot;
  if ("trustRoot" in trust) {
    trustRoot = trust.trustRoot;
  } else {
    // One key given: it is the only key trusted to have signed the bundle.
    const keyId = verifyBundle(found.dir, trust.publicKey).keyId ?? trust.publicKey.keyId;
    trustRoot = createTrustRoot({
      trustRootVersion: "cli-key",
      keys: [
        createTrustRootKey(trust.publicKey.publicKeyPem, {
          keyId,
          purposes: ["manifest", "bundle"],
          validFrom: "1970-01-01T00:00:00Z",
        }),
      ],
    });
  }
  const registry = new StrictPolicyRegistry({ root: dirname(dirname(found.dir)), trustRoot });
  return registry.resolve(found.expected.policyId, found.expected.policyVersion);
}
