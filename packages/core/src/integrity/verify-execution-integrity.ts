import type { AsyncVerifier, SyncVerifier, Verifier } from "../crypto/signer.types.js";
import { OverrideError } from "../errors/parmana-error.js";
import { canonicalHash } from "../hashing/sha256.js";
import { callVerifier, inVerifierFlavour } from "../override/internal/verifier-call.js";
import type { ExecutionIntegrityVerificationResult } from "./execution-integrity.types.js";
import { afterIntegritySignature, prepareIntegrity } from "./internal/integrity-checks.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import type { NotPromiseLike } from "../internal/not-promise-like.types.js";

/**
 * Verifies an execution integrity proof: well formed, `integrityHash` recomputed from the bound
 * fields, `match` and each `matchDetails` member consistent with the recorded facts, and the
 * signature valid under `SIGNING_DOMAINS.audit` (a signature for any other domain fails). With
 * the attestation, also its binding: `attestationHash` is the attestation's hash, `executionId`
 * and `authorizedAction` are its own, and the time window and the need for an override are
 * recomputed from it. `valid` says the proof is authentic and consistent; whether the execution
 * matched is the proof's own `match`.
 *
 * Synchronous for a synchronous verifier, a Promise for an asynchronous one; never throws for a
 * bad proof.
 *
 * @param proof - the proof, or anything parsed from storage
 * @param verifier - verifies the proof's signature
 * @param attestation - the attestation the proof claims to confirm (recommended)
 * @returns `{ valid, errors }`, or a Promise of it for an asynchronous verifier
 * @throws OverrideError `SYS-029` when `verifier` has no verify method (misuse)
 * @example
 * ```ts
 * const { valid, errors } = verifyExecutionIntegrity(proof, new LocalVerifier(publicKey), attestation);
 * if (valid && proof.match) {
 *   // the action performed is the one the attestation authorised
 * }
 * ```
 */
export function verifyExecutionIntegrity<P, A>(
  proof: NotPromiseLike<P>,
  verifier: SyncVerifier,
  attestation?: NotPromiseLike<A>,
): ExecutionIntegrityVerificationResult;
export function verifyExecutionIntegrity<P, A>(
  proof: NotPromiseLike<P>,
  verifier: AsyncVerifier,
  attestation?: NotPromiseLike<A>,
): Promise<ExecutionIntegrityVerificationResult>;
export function verifyExecutionIntegrity<P, A>(
  proof: NotPromiseLike<P>,
  verifier: Verifier,
  attestation?: NotPromiseLike<A>,
): ExecutionIntegrityVerificationResult | Promise<ExecutionIntegrityVerificationResult>;
export function verifyExecutionIntegrity(
  proof: unknown,
  verifier: Verifier,
  attestation?: unknown,
): ExecutionIntegrityVerificationResult | Promise<ExecutionIntegrityVerificationResult> {
  try {
    if (
      typeof verifier !== "object" ||
      verifier === null ||
      typeof verifier.verify !== "function"
    ) {
      throw new OverrideError(
        "SYS-029",
        "verifyExecutionIntegrity needs a verifier with a verify(payload, signature) method",
      );
    }
    const errors: string[] = [];
    const { signingInput, signature } = prepareIntegrity(proof, attestation, errors, canonicalHash);
    if (signingInput === undefined || signature === undefined) {
      return inVerifierFlavour(verifier, { valid: false, errors });
    }
    return callVerifier(verifier, signingInput, signature, (answer) =>
      afterIntegritySignature(answer, errors),
    );
  } catch (error) {
    throw codedInputError(error, OverrideError, "SYS-029", "verifyExecutionIntegrity");
  }
}
