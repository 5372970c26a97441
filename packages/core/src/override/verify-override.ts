import type { AsyncVerifier, SyncVerifier, Verifier } from "../crypto/signer.types.js";
import { OverrideError } from "../errors/parmana-error.js";
import { canonicalHash } from "../hashing/sha256.js";
import { afterSignature, finish, prepare, type Prepared } from "./internal/override-checks.js";
import { callVerifier, inVerifierFlavour } from "./internal/verifier-call.js";
import { messageOf } from "../internal/type-checks.js";
import type { OverrideVerificationResult } from "./override-record.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import type { NotPromiseLike } from "../internal/not-promise-like.types.js";

/**
 * Verifies an override record (approval or rejection) against the attestation it resolves.
 * Three checks: `signature_verified` (the signature verifies under `SIGNING_DOMAINS.override`;
 * a signature made for any other domain fails), `bound_to_attestation` (`attestationHash` is the
 * hash of this attestation, signature included, and `executionId`, `execution_fingerprint`,
 * `policyId`, `policyVersion` and `original_decision` match it, and the resolution is not older
 * than the decision) and `attestation_pending` (the attestation was `pending_override`). `valid`
 * only when all three pass and the record is well formed. It does not check the attestation's own
 * signature: use `verifyAttestation` for that.
 *
 * Synchronous for a synchronous verifier, a Promise for an asynchronous one. Never throws for a
 * bad record or attestation: it reports.
 *
 * @param record - the override record, or anything parsed from storage
 * @param attestation - the original attestation
 * @param verifier - verifies the record's signature (the override signer's key)
 * @returns the result, or a Promise of it for an asynchronous verifier
 * @throws OverrideError `SYS-024` when `verifier` has no verify method (misuse, not a bad record)
 * @example
 * ```ts
 * const result = verifyOverride(override, attestation, new LocalVerifier(publicKey));
 * result.valid;  // true
 * result.checks; // { signature_verified: true, bound_to_attestation: true, attestation_pending: true }
 * ```
 */
export function verifyOverride<R, A>(
  record: NotPromiseLike<R>,
  attestation: NotPromiseLike<A>,
  verifier: SyncVerifier,
): OverrideVerificationResult;
export function verifyOverride<R, A>(
  record: NotPromiseLike<R>,
  attestation: NotPromiseLike<A>,
  verifier: AsyncVerifier,
): Promise<OverrideVerificationResult>;
export function verifyOverride<R, A>(
  record: NotPromiseLike<R>,
  attestation: NotPromiseLike<A>,
  verifier: Verifier,
): OverrideVerificationResult | Promise<OverrideVerificationResult>;
export function verifyOverride(
  record: unknown,
  attestation: unknown,
  verifier: Verifier,
): OverrideVerificationResult | Promise<OverrideVerificationResult> {
  try {
    if (
      typeof verifier !== "object" ||
      verifier === null ||
      typeof verifier.verify !== "function"
    ) {
      throw new OverrideError(
        "SYS-024",
        "verifyOverride needs a verifier with a verify(payload, signature) method",
      );
    }
    const errors: string[] = [];
    let prepared: Prepared;
    try {
      prepared = prepare(record, attestation, errors, canonicalHash);
    } catch (error) {
      // Hostile getters and proxies: report, never throw.
      errors.push(`the override record or attestation could not be read: ${messageOf(error)}`);
      return inVerifierFlavour(verifier, finish(false, false, false, errors));
    }
    if (prepared.signingInput === undefined || prepared.signature === undefined) {
      return inVerifierFlavour(
        verifier,
        finish(false, prepared.bound, prepared.pending, errors, prepared.wellFormed),
      );
    }
    return callVerifier(verifier, prepared.signingInput, prepared.signature, (answer) =>
      afterSignature(answer, prepared, errors),
    );
  } catch (error) {
    throw codedInputError(error, OverrideError, "SYS-024", "verifyOverride");
  }
}
