import {
  decodeBase64Strict,
  isLowSEcdsa,
  isPlainRecord,
  SignatureError,
  weakEd25519KeyError,
} from "@parmanasystems/core/portable";
import { sha256Hex, subtle } from "../crypto/subtle.js";
import { p256DerToRaw } from "../crypto/ecdsa-signature.js";
import type { WebCryptoKey } from "../crypto/webcrypto.types.js";
import { readSpki, spkiFromRaw } from "./spki.js";
import type {
  PublicJsonWebKey,
  PublicKeyInput,
  VerificationKey,
} from "./verification-key.types.js";

const KEY_MARKER: unique symbol = Symbol.for("@parmanasystems/verify/VerificationKey") as never;

// Importing is the costly part of a first verification: keep the last keys by their text form.
const pemCache = new Map<string, Promise<VerificationKey>>();
const PEM_CACHE_SIZE = 64;

/**
 * Imports a public key for verification with WebCrypto. The algorithm comes from the key itself
 * (its SPKI algorithm identifier, JWK `kty`/`crv`, or raw length), never from a signed artifact.
 *
 * @param input - PEM SPKI text, a public JWK, raw bytes (32: Ed25519; 65: P-256 `04 || x || y`),
 *   or a key this function returned
 * @returns the imported key with its algorithm and `keyId`
 * @throws SignatureError `SIG-001` malformed key, `SIG-002` unsupported type, `SIG-003` a private
 *   key, `SIG-012` a small-order or non-canonically encoded Ed25519 key
 * @example
 * ```ts
 * const key = await importPublicKey(publicKeyPem);
 * key.algorithm; // "ed25519"
 * const result = await verifyAttestation(attestation, key);
 * ```
 */
export async function importPublicKey(input: PublicKeyInput): Promise<VerificationKey> {
  if (isVerificationKey(input)) return input;
  if (typeof input === "string") {
    let pending = pemCache.get(input);
    if (pending === undefined) {
      pending = importSpki(pemToDer(input));
      pemCache.set(input, pending);
      if (pemCache.size > PEM_CACHE_SIZE) pemCache.delete(pemCache.keys().next().value as string);
      // A failed import is not remembered.
      pending.catch(() => pemCache.delete(input));
    }
    return pending;
  }
  if (isBytes(input)) {
    if (input.length === 32) return importSpki(spkiFromRaw("ed25519", input));
    if (input.length === 65) return importSpki(spkiFromRaw("ecdsa-p256-sha256", input));
    throw new SignatureError(
      "SIG-001",
      `a raw public key has 32 bytes (Ed25519) or 65 bytes (P-256, 04 || x || y), got ${input.length}`,
    );
  }
  if (isPlainRecord(input)) return importSpki(jwkToSpki(input as PublicJsonWebKey));
  throw new SignatureError(
    "SIG-001",
    "a public key must be PEM SPKI text, a JWK, raw bytes or a key from importPublicKey",
  );
}

/**
 * True for a key made by {@link importPublicKey} (in this or another copy of the package).
 *
 * @param value - anything
 * @returns whether `value` is an imported verification key
 */
export function isVerificationKey(value: unknown): value is VerificationKey {
  return typeof value === "object" && value !== null && KEY_MARKER in value;
}

async function importSpki(spki: Uint8Array): Promise<VerificationKey> {
  const { algorithm, raw } = readSpki(spki);
  // Refused before WebCrypto sees it, as core refuses it: engines differ on small-order points.
  if (algorithm === "ed25519") {
    const weak = weakEd25519KeyError(raw);
    if (weak !== undefined) throw weak;
  }
  let cryptoKey: WebCryptoKey;
  try {
    cryptoKey = await subtle().importKey(
      "spki",
      spki,
      algorithm === "ed25519" ? { name: "Ed25519" } : { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
  } catch (cause) {
    throw new SignatureError("SIG-001", `the ${algorithm} public key could not be imported`, {
      cause,
    });
  }
  const keyId = `${algorithm === "ed25519" ? "ed25519" : "p256"}-${(await sha256Hex(spki)).slice(0, 32)}`;
  return Object.freeze({ algorithm, keyId, spki, cryptoKey, [KEY_MARKER]: true });
}

function pemToDer(pem: string): Uint8Array {
  if (pem.includes("PRIVATE KEY")) {
    throw new SignatureError("SIG-003", "a private key was given where a public key is needed");
  }
  const match =
    /^\s*-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]*)-----END PUBLIC KEY-----\s*$/.exec(pem);
  const der =
    match === null ? undefined : decodeBase64Strict((match[1] as string).replace(/\s+/g, ""));
  if (der === undefined)
    throw new SignatureError("SIG-001", "the public key PEM could not be parsed");
  return der;
}

function jwkToSpki(jwk: PublicJsonWebKey): Uint8Array {
  if ("d" in jwk) {
    throw new SignatureError("SIG-003", "a private JWK was given where a public key is needed");
  }
  if (jwk.kty === "OKP" && jwk.crv === "Ed25519") {
    return spkiFromRaw("ed25519", base64UrlMember(jwk, "x", 32));
  }
  if (jwk.kty === "EC" && jwk.crv === "P-256") {
    const point = new Uint8Array(65);
    point[0] = 0x04;
    point.set(base64UrlMember(jwk, "x", 32), 1);
    point.set(base64UrlMember(jwk, "y", 32), 33);
    return spkiFromRaw("ecdsa-p256-sha256", point);
  }
  const kind = `${String(jwk.kty)}${jwk.crv === undefined ? "" : ` ${String(jwk.crv)}`}`;
  throw new SignatureError("SIG-002", `unsupported key type ${kind}; use Ed25519 or ECDSA P-256`, {
    details: { keyType: kind },
  });
}

// RFC 7518 §6.2.1.2 / RFC 8037 §2: unpadded base64url of a fixed-size coordinate.
function base64UrlMember(jwk: PublicJsonWebKey, member: "x" | "y", size: number): Uint8Array {
  const text = jwk[member];
  const bytes =
    typeof text === "string" && /^[A-Za-z0-9_-]*$/.test(text)
      ? decodeBase64Strict(padBase64(text.replace(/-/g, "+").replace(/_/g, "/")))
      : undefined;
  if (bytes === undefined || bytes.length !== size) {
    throw new SignatureError("SIG-001", `JWK member ${member} must be ${size} bytes of base64url`);
  }
  return bytes;
}

function padBase64(text: string): string {
  return text.length % 4 === 0 ? text : text + "=".repeat(4 - (text.length % 4));
}

function isBytes(value: unknown): value is Uint8Array {
  return (
    ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === "[object Uint8Array]"
  );
}

/**
 * Verifies a standard base64 signature over a message with an imported key. Ed25519 signatures
 * are exactly 64 bytes (RFC 8032 §5.1.7); P-256 signatures are strict DER in low-S form
 * (`s <= n/2`), as Parmana writes them and core accepts them (WebCrypto alone accepts both forms).
 * A malformed signature returns false; so does a WebCrypto refusal.
 * @throws InvariantError `INV-VERIFY-030` without WebCrypto
 *
 * @internal
 */
export async function verifyWithKey(
  key: VerificationKey,
  message: string,
  signature: string,
): Promise<boolean> {
  const bytes = decodeBase64Strict(signature);
  if (bytes === undefined) return false;
  const data = new TextEncoder().encode(message);
  const crypto = subtle();
  try {
    if (key.algorithm === "ed25519") {
      if (bytes.length !== 64) return false;
      return await crypto.verify({ name: "Ed25519" }, key.cryptoKey, bytes, data);
    }
    if (!isLowSEcdsa(bytes)) return false;
    const raw = p256DerToRaw(bytes);
    if (raw === undefined) return false;
    return await crypto.verify({ name: "ECDSA", hash: "SHA-256" }, key.cryptoKey, raw, data);
  } catch {
    return false;
  }
}
