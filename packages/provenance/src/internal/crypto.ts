// The only module of @parmanasystems/provenance that imports node:crypto (STYLE §5.9), shared by
// everyone working on this package: source attestation, governance signing and proof bundles.
// Add functions here rather than importing node:crypto elsewhere; keep each one small, keep
// verification functions returning false instead of throwing, and never log key material.
import {
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  timingSafeEqual as nodeTimingSafeEqual,
  verify as nodeVerify,
  constants,
  type KeyObject,
} from "node:crypto";
import { exportEd25519PublicKeyRaw } from "@parmanasystems/core";

export type { KeyObject };

/** RSA-PSS parameters of the `rsa-pss-sha256` source attestation algorithm: SHA-256, MGF1-SHA-256, 32-byte salt. */
export const RSA_PSS_SALT_LENGTH = 32;

/** Smallest RSA modulus accepted for verification (NIST SP 800-131A). */
export const MINIMUM_RSA_MODULUS_BITS = 2048;

/**
 * Structural KeyObject check: works for KeyObjects from another copy of the module or realm.
 *
 * @param value - anything
 * @returns true when `value` looks like a node:crypto KeyObject
 */
export function isKeyObject(value: unknown): value is KeyObject {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { type?: unknown; export?: unknown };
  return (
    (candidate.type === "private" || candidate.type === "public" || candidate.type === "secret") &&
    typeof candidate.export === "function"
  );
}

/**
 * Parses a PEM SPKI public key. Refuses private keys (a verifier must never hold one).
 *
 * @param pem - PEM text
 * @returns the key, or undefined when `pem` is not a public key PEM
 */
export function importPublicKeyPem(pem: unknown): KeyObject | undefined {
  if (typeof pem !== "string" || pem.includes("PRIVATE KEY")) return undefined;
  try {
    const key = createPublicKey({ key: pem, format: "pem" });
    return key.type === "public" && !isWeakEd25519(key) ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Exports a public key (or the public half of a private key) as PEM SPKI.
 *
 * @param key - a KeyObject
 * @returns PEM text
 */
export function exportPublicKeyPem(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  return publicKey.export({ format: "pem", type: "spki" }).toString();
}

/** A fresh Ed25519 key pair from the OS CSPRNG. */
export function generateEd25519KeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync("ed25519");
}

/**
 * Ed25519 (RFC 8032 PureEdDSA) signature of a message.
 *
 * @param message - the bytes (a string is signed as UTF-8)
 * @param privateKey - an Ed25519 private key
 * @returns the 64-byte signature
 */
export function signEd25519(message: string | Uint8Array, privateKey: KeyObject): Uint8Array {
  return new Uint8Array(nodeSign(null, toBytes(message), privateKey));
}

/**
 * Verifies an Ed25519 signature. Never throws.
 *
 * @returns false for a wrong key type, a malformed signature or a mismatch
 */
export function verifyEd25519(
  message: string | Uint8Array,
  signature: Uint8Array,
  publicKey: KeyObject,
): boolean {
  if (publicKey.asymmetricKeyType !== "ed25519" || signature.length !== 64) return false;
  if (isWeakEd25519(publicKey)) return false;
  try {
    return nodeVerify(null, toBytes(message), publicKey, signature);
  } catch {
    return false;
  }
}

/**
 * True for an Ed25519 key under which signatures can be forged (small order) or that is not
 * canonically encoded: core refuses it with SIG-012, so no verifier here may trust it.
 */
function isWeakEd25519(key: KeyObject): boolean {
  if (key.asymmetricKeyType !== "ed25519") return false;
  try {
    exportEd25519PublicKeyRaw(key);
    return false;
  } catch {
    return true;
  }
}

/**
 * Verifies an RSASSA-PSS signature with SHA-256, MGF1-SHA-256 and a 32-byte salt (RFC 8017 §8.1).
 * Accepts `rsa` and `rsa-pss` keys of at least {@link MINIMUM_RSA_MODULUS_BITS} bits. Never throws.
 *
 * @returns false for a wrong or weak key, a malformed signature or a mismatch
 */
export function verifyRsaPssSha256(
  message: string | Uint8Array,
  signature: Uint8Array,
  publicKey: KeyObject,
): boolean {
  const type = publicKey.asymmetricKeyType;
  if (type !== "rsa" && type !== "rsa-pss") return false;
  const modulusLength = publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (modulusLength < MINIMUM_RSA_MODULUS_BITS) return false;
  try {
    return nodeVerify(
      "sha256",
      toBytes(message),
      { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: RSA_PSS_SALT_LENGTH },
      signature,
    );
  } catch {
    return false;
  }
}

/**
 * Verifies an ECDSA P-256 / SHA-256 signature given either DER (X9.62, what OpenSSL, Java and
 * AWS KMS emit) or raw 64-byte `r || s` (IEEE P1363, what WebCrypto and JOSE emit). Both
 * encodings carry the same (r, s) pair, so accepting both does not widen what verifies. Never
 * throws.
 *
 * @returns false for a wrong key type or curve, a malformed signature or a mismatch
 */
export function verifyEcdsaP256Sha256(
  message: string | Uint8Array,
  signature: Uint8Array,
  publicKey: KeyObject,
): boolean {
  if (
    publicKey.asymmetricKeyType !== "ec" ||
    publicKey.asymmetricKeyDetails?.namedCurve !== "prime256v1"
  )
    return false;
  const bytes = toBytes(message);
  const attempt = (dsaEncoding: "der" | "ieee-p1363"): boolean => {
    try {
      return nodeVerify("sha256", bytes, { key: publicKey, dsaEncoding }, signature);
    } catch {
      return false;
    }
  };
  if (signature.length === 64 && attempt("ieee-p1363")) return true;
  return attempt("der");
}

/**
 * Constant-time equality of two strings' UTF-8 bytes (for digests and hashes).
 *
 * @returns true when equal
 */
export function timingSafeEqualStrings(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) return false;
  return nodeTimingSafeEqual(left, right);
}

function toBytes(message: string | Uint8Array): Uint8Array {
  return typeof message === "string" ? Buffer.from(message, "utf8") : message;
}
