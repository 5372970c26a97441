import { LocalVerifier, ProvenanceError } from "@parmanasystems/core";
import { describeKind, isPlainRecord, messageOf, ownValue } from "../internal/lifecycle-guards.js";
import {
  governanceSigningInput,
  requireEd25519Key,
  resolveGovernanceDomain,
} from "./governance-signing-input.js";
import type { VerifyGovernanceSignatureInput } from "./governance-signature.types.js";

/**
 * Verifies a governance signature made by {@link signGovernancePayload} under the expected
 * domain (default `SIGNING_DOMAINS.governance`, the domain `signGovernancePayload` signs under
 * when given none; a proof bundle's, receipt's or any other artifact's signature does not verify
 * under it). The algorithm comes from the trusted key,
 * which must be Ed25519; the signature's `algorithm` must say so too, and its `keyId` is part of
 * the signed bytes.
 *
 * Returns false, never throws, for anything wrong with the signed data: a payload that is not a
 * string, a malformed or relabelled signature object, a signature made under another domain or
 * by another key. Only misuse throws: a key that is not an Ed25519 public key, or an unknown domain.
 *
 * @param input - `payload`, `signature`, `publicKey` (Ed25519 public KeyObject), optional `domain`
 * @returns true only when the signature is valid for `payload` under `publicKey` and `domain`
 * @throws ProvenanceError `PROV-025` for a key that is not an Ed25519 public key; `PROV-024`
 *   for a domain that is not a governance domain
 * @example
 * ```ts
 * verifyGovernanceSignature({ payload, signature, publicKey }); // made without a domain
 * verifyGovernanceSignature({ payload, signature, publicKey, domain: SIGNING_DOMAINS.lineage });
 * ```
 */
export function verifyGovernanceSignature(input: VerifyGovernanceSignatureInput): boolean {
  if (!isPlainRecord(input)) {
    throw new ProvenanceError(
      "PROV-025",
      `verifyGovernanceSignature: input must be a plain object with a publicKey, got ${describeKind(input)}`,
    );
  }
  const domain = resolveGovernanceDomain(ownValue(input, "domain"), "verifyGovernanceSignature");
  const publicKey = requireEd25519Key(
    ownValue(input, "publicKey"),
    "public",
    "verifyGovernanceSignature: publicKey",
  );
  let verifier: LocalVerifier;
  try {
    verifier = new LocalVerifier(publicKey);
  } catch (cause) {
    throw new ProvenanceError(
      "PROV-025",
      `verifyGovernanceSignature: the public key is unusable: ${messageOf(cause)}`,
      { cause },
    );
  }
  return checkGovernanceSignature(
    verifier,
    ownValue(input, "payload"),
    ownValue(input, "signature"),
    domain,
  );
}

/** @internal The boolean core of verification with an already-built verifier. Never throws. */
export function checkGovernanceSignature(
  verifier: LocalVerifier,
  payload: unknown,
  signature: unknown,
  domain: ReturnType<typeof resolveGovernanceDomain>,
): boolean {
  if (typeof payload !== "string" || !isPlainRecord(signature)) return false;
  const algorithm = ownValue(signature, "algorithm");
  const keyId = ownValue(signature, "keyId");
  const value = ownValue(signature, "signature");
  if (
    algorithm !== "ed25519" ||
    typeof keyId !== "string" ||
    keyId.trim() === "" ||
    typeof value !== "string"
  )
    return false;
  if (
    Object.keys(signature).some(
      (key) => key !== "algorithm" && key !== "keyId" && key !== "signature",
    )
  )
    return false;
  try {
    return verifier.verify(governanceSigningInput(payload, keyId, domain), value);
  } catch {
    return false;
  }
}
