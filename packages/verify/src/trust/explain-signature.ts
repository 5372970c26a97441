import {
  chooseTrustedKey,
  firstAccepted,
  isRefusal,
  planTrustRootSignature,
  sameKeyUnderAnotherIdHint,
  signatureRefusal,
  unusableKeyRefusal,
  type TrustKeyPurpose,
  type TrustRootSignatureContext,
  type TrustRootVerificationResult,
} from "@parmanasystems/core/portable";
import { verifyWithKey } from "../keys/import-public-key.js";
import type { LoadedTrustRoot } from "./load-trust-root.js";

/**
 * Checks a signature against a trust root as core's trust-root verifier's `explain` does: the
 * key named by the payload's `signerKeyId`, meant for the purpose its signing domain implies,
 * valid and unrevoked at its `issuedAt`, verified with the key's own algorithm.
 *
 * @internal
 */
export async function explainSignature(
  loaded: LoadedTrustRoot,
  payload: string,
  signature: string,
  context: TrustRootSignatureContext = {},
): Promise<TrustRootVerificationResult> {
  const plan = planTrustRootSignature(payload, signature, context, {});
  if (isRefusal(plan)) return plan;
  const { purpose, at, keyId } = plan;
  if (keyId !== undefined) return verifyWith(loaded, keyId, at, purpose, payload, signature);
  // No key named: any key fit for the purpose at that time may have signed; stop at the first.
  const outcomes: TrustRootVerificationResult[] = [];
  for (const key of loaded.root.keys) {
    const outcome = await verifyWith(loaded, key.keyId, at, purpose, payload, signature);
    outcomes.push(outcome);
    if (outcome.valid) break;
  }
  return firstAccepted(loaded.root, purpose, outcomes);
}

async function verifyWith(
  loaded: LoadedTrustRoot,
  keyId: string,
  at: string | Date,
  purpose: TrustKeyPurpose | readonly TrustKeyPurpose[],
  payload: string,
  signature: string,
): Promise<TrustRootVerificationResult> {
  const choice = chooseTrustedKey(loaded.root, keyId, { at, purpose });
  const imported = choice.ok ? loaded.keys.get(choice.key) : undefined;
  const refusal = !choice.ok
    ? choice
    : imported === undefined
      ? unusableKeyRefusal(choice.key)
      : imported.algorithm !== choice.key.algorithm
        ? unusableKeyRefusal(choice.key, imported.algorithm)
        : undefined;
  if (refusal !== undefined) {
    const reason =
      refusal.code === "TRUST-020"
        ? `${refusal.reason}${await sameKeyUnderAnotherId(loaded, at, purpose, payload, signature)}`
        : refusal.reason;
    return { valid: false, keyId, code: refusal.code, reason };
  }
  if (await verifyWithKey(imported as NonNullable<typeof imported>, payload, signature))
    return { valid: true, keyId };
  return signatureRefusal(loaded.root, keyId);
}

// As core does: an unknown key id is often the right key under another name; say so (still refused).
async function sameKeyUnderAnotherId(
  loaded: LoadedTrustRoot,
  at: string | Date,
  purpose: TrustKeyPurpose | readonly TrustKeyPurpose[],
  payload: string,
  signature: string,
): Promise<string> {
  for (const key of loaded.root.keys) {
    const choice = chooseTrustedKey(loaded.root, key.keyId, { at, purpose });
    const imported = choice.ok ? loaded.keys.get(choice.key) : undefined;
    if (
      choice.ok &&
      imported !== undefined &&
      imported.algorithm === choice.key.algorithm &&
      (await verifyWithKey(imported, payload, signature))
    )
      return sameKeyUnderAnotherIdHint(key.keyId);
  }
  return "";
}
