import {
  consistencySteps,
  runStepsAsync,
  type ConsistencyVerificationResult,
} from "@parmanasystems/core/portable";
import { answerWithWebCrypto } from "./answer-with-webcrypto.js";
import type { LogVerificationKey } from "./log-verification-key.types.js";

/**
 * Verifies that a transparency log only grew between two checkpoints, with WebCrypto, with the
 * same checks, result and codes as `verifyConsistency` of `@parmanasystems/core`: both
 * checkpoints are signed by the log's key and have the same origin, and the RFC 9162 consistency
 * proof shows the older tree is a prefix of the newer one. Two checkpoints of the same size must
 * have the same root; an empty older checkpoint is consistent with every newer one.
 *
 * Never throws for a bad proof or checkpoint: it reports each failure as a `[CODE] message` line.
 *
 * @param oldCheckpoint - the checkpoint saved earlier (signed note text)
 * @param newCheckpoint - the current checkpoint
 * @param proof - `{ oldSize, newSize, hashes }` (hashes standard base64)
 * @param key - the log key (as for `verifyInclusion`)
 * @returns `{ valid, errors, oldCheckpoint?, newCheckpoint? }`; errors use `TRUST-080`..`TRUST-087`
 * @throws TrustError `TRUST-087` when no key is given (misuse)
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2
 * @example
 * ```ts
 * import { verifyConsistency } from "@parmanasystems/verify";
 *
 * const result = await verifyConsistency(savedCheckpoint, todaysCheckpoint, proof, logKey);
 * if (result.valid) console.log("the log only grew");
 * ```
 */
export function verifyConsistency(
  oldCheckpoint: string | Uint8Array,
  newCheckpoint: string | Uint8Array,
  proof: unknown,
  key: LogVerificationKey,
): Promise<ConsistencyVerificationResult> {
  return runStepsAsync(
    consistencySteps(oldCheckpoint, newCheckpoint, proof, key),
    answerWithWebCrypto,
  );
}
