import type { ParmanaErrorCodeOf } from "../../errors/parmana-error.js";
import { join } from "node:path";
import { TrustError } from "../../errors/parmana-error.js";
import { compilePolicy } from "../../policy/compile-policy.js";
import type { CompiledPolicy } from "../../policy/compiled-policy.types.js";
import { createPolicyCompilationError } from "../../policy/problem-errors.js";
import type { RuntimeManifest } from "../../runtime/runtime-manifest.types.js";
import { POLICY_ARTIFACT } from "../bundle-files.js";
import type { BundleSignature } from "../bundle.types.js";
import { checkRuntimeRequirements } from "../check-runtime-requirements.js";
import { inspectBundle } from "./inspect-bundle.js";

/** Options of {@link loadBundledPolicy}. @internal */
export interface LoadBundledPolicyOptions {
  /** The runtime whose requirements are checked; the running one by default. */
  readonly runtime?: RuntimeManifest | undefined;
  /**
   * Checks bundle.sig (throws a coded error when it is not acceptable). Without it the signature
   * is carried into attestations unchecked, for a verifier holding the key to check.
   */
  readonly authenticate?: (signature: BundleSignature, signingInput: string, key: string) => void;
}

/**
 * Loads the policy of a bundle folder: checks the manifest, every content hash and the
 * `bundleHash`, that the bundle names `policyId@policyVersion`, the signature when an
 * `authenticate` check is given, and the runtime requirements; then compiles the very text that
 * was hashed and attaches the bundle identity (`bundleHash`, `manifestHash`,
 * `manifestSignature`), so attestations name the real bundle. Fails closed.
 *
 * @internal
 * @throws TrustError `TRUST-040`..`TRUST-044`, `TRUST-048` bundle missing, malformed, changed or
 *   for another policy; `TRUST-047` runtime requirements not met; whatever `authenticate`
 *   throws; PolicyError for a policy that does not compile
 */
export function loadBundledPolicy(
  dir: string,
  policyId: string,
  policyVersion: string,
  options: LoadBundledPolicyOptions = {},
): CompiledPolicy {
  const key = `${policyId}@${policyVersion}`;
  const inspection = inspectBundle(dir);
  const { manifest, signature, signingInput, manifestHash } = inspection;
  if (
    inspection.errors.length > 0 ||
    manifest === undefined ||
    signature === undefined ||
    signingInput === undefined ||
    manifestHash === undefined
  ) {
    throw refuse(inspection.errors, key);
  }
  if (manifest.policyId !== policyId || manifest.policyVersion !== policyVersion) {
    throw new TrustError(
      "TRUST-048",
      `the bundle in ${dir} is ${manifest.policyId}@${manifest.policyVersion}, not ${key}`,
      { details: { policyId, policyVersion } },
    );
  }
  options.authenticate?.(signature, signingInput, key);
  const unmet = checkRuntimeRequirements(manifest.runtimeRequirements, options.runtime);
  if (unmet.length > 0) {
    throw new TrustError(
      "TRUST-047",
      `this runtime cannot serve bundle ${key}: ${unmet.join("; ")}`,
      {
        details: {
          policyId,
          policyVersion,
          problems: unmet,
          runtimeRequirements: manifest.runtimeRequirements,
        },
      },
    );
  }
  // Compile the very text that was hashed, never a second read of the file.
  const compiled = compilePolicy(inspection.policy, {
    expectedPolicyId: policyId,
    expectedPolicyVersion: policyVersion,
  });
  if (compiled.policy === undefined)
    throw createPolicyCompilationError(compiled, join(dir, POLICY_ARTIFACT));
  return Object.freeze({
    ...compiled.policy,
    bundle: Object.freeze({
      bundleHash: manifest.bundleHash,
      manifestHash,
      manifestSignature: signature.signature,
    }),
  });
}

function refuse(errors: readonly string[], key: string): TrustError {
  const first = errors[0] ?? "[TRUST-041] the bundle could not be read";
  const code = (/^\[(TRUST-\d{3})\]/.exec(first)?.[1] ??
    "TRUST-041") as ParmanaErrorCodeOf<"TRUST">;
  return new TrustError(code, `bundle ${key} refused: ${first.replace(/^\[TRUST-\d{3}\] /, "")}`, {
    details: { errors: [...errors] },
  });
}
