import { ParmanaError, hashEvidencePayload } from "@parmanasystems/core";
import { decodeBase64Strict } from "@parmanasystems/core/internal";
import type {
  SignatureAlgorithm,
  SourceAttestation,
  SourceAttestationVerificationResult,
} from "@parmanasystems/core";
import {
  MINIMUM_RSA_MODULUS_BITS,
  importPublicKeyPem,
  isKeyObject,
  timingSafeEqualStrings,
  verifyEcdsaP256Sha256,
  verifyEd25519,
  verifyRsaPssSha256,
  type KeyObject,
} from "../internal/crypto.js";
import { isStringKeyedRecord, ownMember } from "../internal/plain-record.js";
import { PREFIXED_SHA256_PATTERN } from "../internal/record-reader.js";

type SupportedAlgorithm = Exclude<SignatureAlgorithm, "unknown">;

const VERIFIERS: Readonly<
  Record<SupportedAlgorithm, (message: string, signature: Uint8Array, key: KeyObject) => boolean>
> = {
  ed25519: verifyEd25519,
  "rsa-pss-sha256": verifyRsaPssSha256,
  "ecdsa-p256": verifyEcdsaP256Sha256,
};

/**
 * Verifies that a payload came from an external source that signed it. Fully local and
 * deterministic: it fetches no certificate, resolves no PKI chain and trusts exactly the public
 * key you pass. It never throws; every failure is `{ valid: false, reason }`.
 *
 * What is checked, in order:
 * 1. `attestation` is an object with string `source`, `signedAt`, `algorithm`, `signature` and
 *    `payloadHash` (and string `keyId` when present);
 * 2. `payloadHash` is `"sha256:<64 hex>"` and equals `hashEvidencePayload(payload)` (a string
 *    payload is hashed as its UTF-8 text, bytes as bytes, anything else as RFC 8785 canonical JSON);
 * 3. `signature` is strict standard base64 and verifies over the UTF-8 bytes of the
 *    `payloadHash` string with `publicKey` under `algorithm`:
 *    - `"ed25519"`: RFC 8032 Ed25519;
 *    - `"rsa-pss-sha256"`: RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt, modulus ≥ 2048 bits;
 *    - `"ecdsa-p256"`: ECDSA P-256 with SHA-256, signature in DER or raw 64-byte `r || s`.
 *    `"unknown"` and any other name are refused, and the key's type must match the algorithm.
 *
 * Only `payloadHash` is signed: `source`, `signedAt` and `keyId` are labels, not authenticated.
 * No signing domain is applied because the signer is an external system, not Parmana.
 *
 * @param payload - the evidence as received (string, bytes or plain JSON)
 * @param attestation - the source's attestation
 * @param publicKey - the source's public key, PEM SPKI (a KeyObject is accepted too); private keys are refused
 * @returns `{ valid: true }` or `{ valid: false, reason }`
 * @example
 * ```ts
 * const result = verifySourceAttestation(aaResponse, aaAttestation, fipPublicKeyPem);
 * if (!result.valid) throw new Error(result.reason);
 * ```
 */
export function verifySourceAttestation(
  payload: unknown,
  attestation: SourceAttestation,
  publicKey: string,
): SourceAttestationVerificationResult {
  try {
    return verifyOrExplain(payload, attestation, publicKey);
  } catch (error) {
    // Defence in depth: a throwing getter or Proxy in attacker-supplied input must not escape.
    return invalid(
      `attestation could not be read (${error instanceof Error ? error.name : typeof error})`,
    );
  }
}

function verifyOrExplain(
  payload: unknown,
  attestation: unknown,
  publicKey: unknown,
): SourceAttestationVerificationResult {
  if (!isStringKeyedRecord(attestation)) return invalid("attestation must be a plain object");
  const member = (key: string): unknown => ownMember(attestation, key);
  for (const key of ["source", "signedAt", "algorithm", "signature", "payloadHash"]) {
    if (typeof member(key) !== "string") return invalid(`attestation.${key} must be a string`);
  }
  const keyId = member("keyId");
  if (keyId !== undefined && typeof keyId !== "string")
    return invalid("attestation.keyId must be a string");

  const algorithm = member("algorithm") as string;
  if (!Object.prototype.hasOwnProperty.call(VERIFIERS, algorithm)) {
    return invalid(
      `unsupported algorithm ${JSON.stringify(algorithm)}; expected ed25519, rsa-pss-sha256 or ecdsa-p256`,
    );
  }
  const payloadHash = member("payloadHash") as string;
  if (!PREFIXED_SHA256_PATTERN.test(payloadHash))
    return invalid('payloadHash must be "sha256:" followed by 64 lowercase hex digits');

  let computed: string;
  try {
    computed = hashEvidencePayload(payload);
  } catch (error) {
    if (!ParmanaError.isInstance(error)) throw error;
    return invalid(`payload cannot be hashed: ${error.message}`);
  }
  if (!timingSafeEqualStrings(computed, payloadHash))
    return invalid("payloadHash does not match the payload");

  const signature = decodeBase64Strict(member("signature") as string);
  if (signature === undefined || signature.length === 0)
    return invalid("signature is not valid standard base64");

  const key = isKeyObject(publicKey)
    ? publicKey.type === "public"
      ? publicKey
      : undefined
    : importPublicKeyPem(publicKey);
  if (key === undefined) return invalid("publicKey must be a PEM SPKI public key");

  const keyProblem = keyMismatch(algorithm as SupportedAlgorithm, key);
  if (keyProblem !== undefined) return invalid(keyProblem);
  const verify = VERIFIERS[algorithm as SupportedAlgorithm];
  return verify(payloadHash, signature, key)
    ? { valid: true }
    : invalid(`signature does not verify with the given ${algorithm} public key`);
}

// The algorithm names what the key must be; a mismatch is reported as such rather than as a bad signature.
function keyMismatch(algorithm: SupportedAlgorithm, key: KeyObject): string | undefined {
  const type = key.asymmetricKeyType;
  switch (algorithm) {
    case "ed25519":
      return type === "ed25519"
        ? undefined
        : `algorithm ed25519 needs an Ed25519 key, got ${String(type)}`;
    case "rsa-pss-sha256":
      if (type !== "rsa" && type !== "rsa-pss")
        return `algorithm rsa-pss-sha256 needs an RSA key, got ${String(type)}`;
      return (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MINIMUM_RSA_MODULUS_BITS
        ? undefined
        : `RSA keys shorter than ${MINIMUM_RSA_MODULUS_BITS} bits are refused`;
    case "ecdsa-p256":
      return type === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1"
        ? undefined
        : `algorithm ecdsa-p256 needs a P-256 EC key, got ${String(type)}${type === "ec" ? ` on ${String(key.asymmetricKeyDetails?.namedCurve)}` : ""}`;
  }
}

function invalid(reason: string): SourceAttestationVerificationResult {
  return { valid: false, reason };
}
