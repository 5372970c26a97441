import {
  inclusionSteps,
  runStepsAsync,
  type InclusionVerificationResult,
} from "@parmanasystems/core/portable";
import { answerWithWebCrypto } from "./answer-with-webcrypto.js";
import type { LogVerificationKey } from "./log-verification-key.types.js";
import type { NotPromiseLike } from "../verify/not-promise-like.types.js";

/**
 * Verifies that an attestation is in a transparency log, with WebCrypto, with the same checks,
 * result and codes as `verifyInclusion` of `@parmanasystems/core`: the checkpoint (a C2SP signed
 * note) is signed by the log's key, and the RFC 9162 inclusion proof leads from the attestation's
 * leaf hash (SHA-256(0x00 ‖ canonicalize(attestation))) to the checkpoint's root at the proof's
 * index. This checks membership in the log, not the attestation's own signature: run
 * `verifyAttestation` for that.
 *
 * Never throws for a bad proof or checkpoint: it reports each failure as a `[CODE] message` line.
 *
 * @param attestation - the attestation, exactly as signed and recorded
 * @param proof - `{ leafIndex, treeSize, hashes }` (hashes standard base64), as `parmana audit prove` writes it
 * @param checkpoint - the signed checkpoint (signed note text)
 * @param key - the log key: a vkey, an Ed25519 public key (named by the checkpoint's origin), or `{ name, publicKey }`
 * @returns `{ valid, errors, checkpoint?, leafIndex? }`; errors use `TRUST-080`..`TRUST-088`
 * @throws TrustError `TRUST-087` when no key is given (misuse)
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @example
 * ```ts
 * import { verifyInclusion } from "@parmanasystems/verify";
 *
 * const bundle = JSON.parse(proofFileText);
 * const result = await verifyInclusion(bundle.attestation, bundle.proof, bundle.checkpoint, logKey);
 * if (!result.valid) console.error(result.errors.join("\n"));
 * ```
 */
export function verifyInclusion<A, P>(
  attestation: NotPromiseLike<A>,
  proof: NotPromiseLike<P>,
  checkpoint: string | Uint8Array,
  key: LogVerificationKey,
): Promise<InclusionVerificationResult> {
  return runStepsAsync(inclusionSteps(attestation, proof, checkpoint, key), answerWithWebCrypto);
}
