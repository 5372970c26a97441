import { runSteps } from "../internal/run-steps.js";
import { answerTransparencyRequest } from "./internal/answer-transparency.js";
import { consistencySteps, inclusionSteps } from "./internal/verify-transparency-steps.js";
import type {
  ConsistencyVerificationResult,
  InclusionVerificationResult,
} from "./transparency.types.js";
import type { LogVerificationKey } from "./log-verification-key.types.js";
import type { NotPromiseLike } from "../internal/not-promise-like.types.js";

/**
 * Verifies that an attestation is in a transparency log: the checkpoint is signed by the log's
 * key, and the inclusion proof leads from the attestation's leaf hash
 * (SHA-256(0x00 ‖ canonicalize(attestation))) to the checkpoint's root at the proof's index.
 * This checks membership in the log, not the attestation's own signature: run
 * `verifyAttestation` for that.
 *
 * Never throws for a bad proof or checkpoint: it reports each failure as a `[CODE] message` line.
 *
 * @param attestation - the attestation, exactly as signed and recorded
 * @param proof - `{ leafIndex, treeSize, hashes }` (hashes standard base64), as `parmana audit prove` writes it
 * @param checkpoint - the signed checkpoint (C2SP signed note text)
 * @param key - the log key: a vkey, an Ed25519 public key (named by the checkpoint's origin), or `{ name, publicKey }`
 * @returns `{ valid, errors, checkpoint?, leafIndex? }`; errors use `TRUST-080`..`TRUST-088`
 * @throws TrustError `TRUST-087` when no key is given (misuse)
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @example
 * ```ts
 * const proofFile = JSON.parse(readFileSync("proof.json", "utf8"));
 * const { attestation, proof, checkpoint } = proofFile;
 * const result = verifyInclusion(attestation, proof, checkpoint, logPublicKeyPem);
 * if (!result.valid) console.error(result.errors.join("\n"));
 * ```
 */
export function verifyInclusion<A, P>(
  attestation: NotPromiseLike<A>,
  proof: NotPromiseLike<P>,
  checkpoint: string | Uint8Array,
  key: LogVerificationKey,
): InclusionVerificationResult {
  return runSteps(inclusionSteps(attestation, proof, checkpoint, key), answerTransparencyRequest);
}

/**
 * Verifies that a log only grew between two checkpoints: both are signed by the log's key, have
 * the same origin, and the consistency proof shows the older tree is a prefix of the newer one.
 * Two checkpoints of the same size must have the same root (anything else proves the log forked).
 * An empty older checkpoint is consistent with every newer one.
 *
 * Never throws for a bad proof or checkpoint: it reports each failure as a `[CODE] message` line.
 *
 * @param oldCheckpoint - the checkpoint saved earlier (signed note text)
 * @param newCheckpoint - the current checkpoint
 * @param proof - `{ oldSize, newSize, hashes }` (hashes standard base64)
 * @param key - the log key (as for {@link verifyInclusion})
 * @returns `{ valid, errors, oldCheckpoint?, newCheckpoint? }`; errors use `TRUST-080`..`TRUST-087`
 * @throws TrustError `TRUST-087` when no key is given (misuse)
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2
 * @example
 * ```ts
 * const result = verifyConsistency(savedCheckpoint, todaysCheckpoint, proof, logPublicKeyPem);
 * if (result.valid) console.log("the log only grew");
 * ```
 */
export function verifyConsistency(
  oldCheckpoint: string | Uint8Array,
  newCheckpoint: string | Uint8Array,
  proof: unknown,
  key: LogVerificationKey,
): ConsistencyVerificationResult {
  return runSteps(
    consistencySteps(oldCheckpoint, newCheckpoint, proof, key),
    answerTransparencyRequest,
  );
}
