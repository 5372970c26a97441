import type { AsyncVerifier, SyncVerifier, Verifier } from "../crypto/signer.types.js";
import { readExplanation } from "../trust/internal/read-explanation.js";
import { InvariantError, TrustError } from "../errors/parmana-error.js";
import type { TrustRootVerifier } from "../trust/trust-root-verifier.js";
import type { BundleVerificationResult } from "./bundle.types.js";
import { inspectBundle, type BundleInspection } from "./internal/inspect-bundle.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/**
 * Verifies a policy bundle folder: the manifest is well formed, every artifact still hashes to
 * the manifest's value (`TRUST-042` when policy.json was changed), the `bundleHash` is right
 * (`TRUST-043`), and bundle.sig verifies over the manifest (`TRUST-045` for a bad signature;
 * with a trust-root verifier, `TRUST-046` when the signing key is not trusted for bundles).
 * Content and signature failures are told apart by code and by `checks`. Never throws for a
 * bad bundle. Synchronous for a synchronous verifier, a Promise for an asynchronous one.
 *
 * @param dir - the bundle folder (holding policy.json, bundle.manifest.json, bundle.sig)
 * @param verifier - a verifier of the bundle key, or a trust-root verifier
 * @returns `{ valid, checks, bundleHash, manifestHash, policyId, version, keyId, errors }`
 * @throws InvariantError `INV-EXEC-002` without a verifier
 * @example
 * ```ts
 * const result = verifyBundle("policies/loan-approval/1.0.0", new LocalVerifier(publicKeyPem));
 * if (!result.valid) console.error(result.errors.join("\n"));
 * ```
 */
export function verifyBundle(dir: string, verifier: SyncVerifier): BundleVerificationResult;
export function verifyBundle(
  dir: string,
  verifier: AsyncVerifier,
): Promise<BundleVerificationResult>;
export function verifyBundle(
  dir: string,
  verifier: Verifier,
): BundleVerificationResult | Promise<BundleVerificationResult>;
export function verifyBundle(
  dir: string,
  verifier: Verifier,
): BundleVerificationResult | Promise<BundleVerificationResult> {
  try {
    if (typeof verifier?.verify !== "function") {
      throw new InvariantError(
        "INV-EXEC-002",
        "verifyBundle needs a verifier with a verify(payload, signature) method",
      );
    }
    const inspection = inspectBundle(dir);
    const errors = [...inspection.errors];
    const { signature, signingInput } = inspection;
    if (signature === undefined || signingInput === undefined)
      return result(inspection, false, errors);

    const trustRootVerifier = asTrustRootVerifier(verifier);
    if (trustRootVerifier !== undefined) {
      const verdict = readExplanation(() =>
        trustRootVerifier.explain(signingInput, signature.signature, {
          keyId: signature.keyId,
          purpose: ["manifest", "bundle"],
        }),
      );
      if (!verdict.valid) {
        errors.push(
          verdict.error.startsWith("[TRUST-026]")
            ? `[TRUST-045] bundle.sig does not verify over the manifest under key ${signature.keyId}`
            : verdict.error.startsWith("[INV-VERIFY-003]")
              ? `[TRUST-045] ${verdict.error}`
              : `[TRUST-046] bundle.sig is signed by a key the trust root does not accept for bundles: ${verdict.error}`,
        );
      }
      return result(inspection, verdict.valid, errors);
    }

    const refused = `[TRUST-045] bundle.sig does not verify over the manifest under the verifier's key (bundle.sig names key ${signature.keyId})`;
    let answer: unknown;
    try {
      answer = verifier.verify(signingInput, signature.signature);
    } catch (error) {
      errors.push(
        `[TRUST-045] the verifier threw: ${error instanceof Error ? error.message : String(error)}`,
      );
      return result(inspection, false, errors);
    }
    if (typeof (answer as { then?: unknown } | null)?.then === "function") {
      return Promise.resolve(answer).then(
        (value) => {
          if (value !== true) errors.push(refused);
          return result(inspection, value === true, errors);
        },
        (error: unknown) => {
          errors.push(
            `[TRUST-045] the verifier failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          return result(inspection, false, errors);
        },
      );
    }
    if (answer !== true) errors.push(refused);
    return result(inspection, answer === true, errors);
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-070", "verifyBundle");
  }
}

function result(
  inspection: BundleInspection,
  signatureOk: boolean,
  errors: string[],
): BundleVerificationResult {
  const checks = {
    manifest: inspection.manifestOk,
    content: inspection.contentOk,
    bundleHash: inspection.bundleHashOk,
    signature: signatureOk,
  };
  return {
    valid: checks.manifest && checks.content && checks.bundleHash && checks.signature,
    checks,
    bundleHash: inspection.manifest?.bundleHash,
    manifestHash: inspection.manifestHash,
    policyId: inspection.manifest?.policyId,
    version: inspection.manifest?.policyVersion,
    keyId: inspection.signature?.keyId,
    errors,
  };
}

function asTrustRootVerifier(verifier: Verifier): TrustRootVerifier | undefined {
  const candidate = verifier as Partial<TrustRootVerifier>;
  return typeof candidate.explain === "function" && typeof candidate.trustRootVersion === "string"
    ? (candidate as TrustRootVerifier)
    : undefined;
}
