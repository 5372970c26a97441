import { LocalVerifier, ProvenanceError } from "@parmanasystems/core";
import { describeKind, isPlainRecord, messageOf, ownValue } from "../internal/lifecycle-guards.js";
import { requireEd25519Key } from "../signing/governance-signing-input.js";
import { checkProofBundleAuthenticity } from "./check-proof-bundle-authenticity.js";
import type {
  GovernanceProofBundleVerificationResult,
  VerifyGovernanceProofBundleInput,
} from "./proof-bundle.types.js";

/**
 * Verifies a proof bundle's integrity and signature: a closed, well-formed envelope
 * (`schemaVersion` `"1.0.0"`), `manifestHash` recomputing over schemaVersion, generatedAt,
 * lineage, replay and replayHash, `replayHash` equal to `replay.replayHash`, and an Ed25519
 * signature over the manifest under the trusted key in the proof-bundle domain. Any edited
 * field fails. For the full independent check (chain, replay, invariants) use
 * `verifyGovernanceProof`.
 *
 * @param input - the untrusted `bundle` and the trusted Ed25519 `publicKey`
 * @returns `{ valid, errors }`; never throws for a bad bundle
 * @throws ProvenanceError `PROV-025` when `publicKey` is not an Ed25519 public KeyObject (misuse)
 * @example
 * ```ts
 * const { valid, errors } = verifyGovernanceProofBundle({ bundle, publicKey });
 * ```
 */
export function verifyGovernanceProofBundle(
  input: VerifyGovernanceProofBundleInput,
): GovernanceProofBundleVerificationResult {
  const verifier = trustedVerifier(input, "verifyGovernanceProofBundle");
  const bundle = ownValue(input, "bundle");
  const errors = checkProofBundleAuthenticity(bundle, verifier);
  if (isPlainRecord(bundle)) {
    const replay = ownValue(bundle, "replay");
    const declared = isPlainRecord(replay) ? ownValue(replay, "replayHash") : undefined;
    if (ownValue(bundle, "replayHash") !== declared)
      errors.push("replayHash does not equal replay.replayHash");
  }
  return { valid: errors.length === 0, errors };
}

/**
 * The verifier for the trusted key of a verification input.
 *
 * @throws ProvenanceError `PROV-025` when the input or its `publicKey` is unusable
 */
export function trustedVerifier(input: unknown, functionName: string): LocalVerifier {
  if (!isPlainRecord(input)) {
    throw new ProvenanceError(
      "PROV-025",
      `${functionName}: input must be { bundle, publicKey }, got ${describeKind(input)}`,
    );
  }
  const publicKey = requireEd25519Key(
    ownValue(input, "publicKey"),
    "public",
    `${functionName}: publicKey`,
  );
  try {
    return new LocalVerifier(publicKey);
  } catch (cause) {
    throw new ProvenanceError(
      "PROV-025",
      `${functionName}: the public key is unusable: ${messageOf(cause)}`,
      { cause },
    );
  }
}
