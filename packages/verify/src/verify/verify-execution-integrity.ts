import {
  afterIntegritySignature,
  OverrideError,
  prepareIntegrity,
  type ExecutionIntegrityVerificationResult,
} from "@parmanasystems/core/portable";
import { prepareCanonicalHash } from "../crypto/canonical-hasher.js";
import type { PublicKeyInput } from "../keys/verification-key.types.js";
import { integrityDigestInputs } from "./integrity-digest-inputs.js";
import { checkSignature } from "./check-signature.js";
import { resolveTrust } from "./resolve-trust.js";
import type { TrustRootInput } from "./verify.types.js";
import type { NotPromiseLike } from "./not-promise-like.types.js";

/**
 * Verifies an execution integrity proof with the same checks and messages as
 * `verifyExecutionIntegrity` of `@parmanasystems/core`: well formed, `integrityHash` recomputed,
 * `match` consistent with `matchDetails`, the signature valid under the audit signing domain,
 * and, with the attestation, bound to it. `valid` says the proof is authentic and consistent;
 * whether the execution matched is the proof's own `match`. Never throws for a bad proof.
 *
 * @param proof - the proof, or anything parsed from storage
 * @param keyOrTrustRoot - the proof signer's public key, or a trust root
 * @param attestation - the attestation the proof claims to confirm (recommended)
 * @returns `{ valid, errors }`
 * @throws OverrideError `SYS-029` without a key; SignatureError / TrustError for a bad key or root
 * @example
 * ```ts
 * const { valid } = await verifyExecutionIntegrity(proof, publicKeyPem, attestation);
 * if (valid && proof.match) {
 *   // the action performed is the one the attestation authorised
 * }
 * ```
 */
export async function verifyExecutionIntegrity<P, A>(
  proof: NotPromiseLike<P>,
  keyOrTrustRoot: PublicKeyInput | TrustRootInput,
  attestation?: NotPromiseLike<A>,
): Promise<ExecutionIntegrityVerificationResult> {
  const trust = await resolveTrust(
    keyOrTrustRoot,
    () =>
      new OverrideError("SYS-029", "verifyExecutionIntegrity needs a public key or a trust root"),
  );
  const errors: string[] = [];
  const canonicalHash = await prepareCanonicalHash(integrityDigestInputs(proof, attestation));
  const { signingInput, signature } = prepareIntegrity(proof, attestation, errors, canonicalHash);
  if (signingInput === undefined || signature === undefined) return { valid: false, errors };
  const verified = await checkSignature(trust, signingInput, signature);
  return afterIntegritySignature({ verified }, errors);
}
