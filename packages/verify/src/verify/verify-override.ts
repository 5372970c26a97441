import {
  afterSignature,
  finish,
  OverrideError,
  prepare,
  type OverrideVerificationResult,
  type Prepared,
} from "@parmanasystems/core/portable";
import { prepareCanonicalHash } from "../crypto/canonical-hasher.js";
import type { PublicKeyInput } from "../keys/verification-key.types.js";
import { checkSignature } from "./check-signature.js";
import { resolveTrust } from "./resolve-trust.js";
import type { TrustRootInput } from "./verify.types.js";
import type { NotPromiseLike } from "./not-promise-like.types.js";

/**
 * Verifies an override record (approval or rejection) against the attestation it resolves, with
 * the same three checks and messages as `verifyOverride` of `@parmanasystems/core`:
 * `signature_verified` (under the override signing domain), `bound_to_attestation` and
 * `attestation_pending`. It does not check the attestation's own signature: use
 * `verifyAttestation` for that. Never throws for a bad record or attestation.
 *
 * @param record - the override record, or anything parsed from storage
 * @param attestation - the original attestation
 * @param keyOrTrustRoot - the override signer's public key, or a trust root
 * @returns `{ valid, checks, errors }`
 * @throws OverrideError `SYS-024` without a key; SignatureError / TrustError for a bad key or root
 * @example
 * ```ts
 * const result = await verifyOverride(override, attestation, publicKeyPem);
 * result.checks; // { signature_verified: true, bound_to_attestation: true, attestation_pending: true }
 * ```
 */
export async function verifyOverride<R, A>(
  record: NotPromiseLike<R>,
  attestation: NotPromiseLike<A>,
  keyOrTrustRoot: PublicKeyInput | TrustRootInput,
): Promise<OverrideVerificationResult> {
  const trust = await resolveTrust(
    keyOrTrustRoot,
    () => new OverrideError("SYS-024", "verifyOverride needs a public key or a trust root"),
  );
  const errors: string[] = [];
  let prepared: Prepared;
  try {
    const canonicalHash = await prepareCanonicalHash([attestation]);
    prepared = prepare(record, attestation, errors, canonicalHash);
  } catch (error) {
    // Hostile getters and proxies: report, never throw.
    errors.push(
      `the override record or attestation could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
    return finish(false, false, false, errors);
  }
  if (prepared.signingInput === undefined || prepared.signature === undefined) {
    return finish(false, prepared.bound, prepared.pending, errors, prepared.wellFormed);
  }
  const verified = await checkSignature(trust, prepared.signingInput, prepared.signature);
  return afterSignature({ verified }, prepared, errors);
}
