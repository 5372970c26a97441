import { codedBoundary, rawErrorName } from "../internal/coded-boundary.js";
import { pemHint } from "./internal/pem-hint.js";
import { SignatureError } from "../errors/parmana-error.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import {
  generateEd25519,
  generateP256,
  isKeyObject,
  parsePrivateKeyDer,
  parsePrivateKeyPem,
  parsePublicKeyDer,
  parsePublicKeyPem,
  publicKeyFromPrivate,
  sha256HexDigest,
  type KeyObject,
} from "../internal/node-crypto.js";
import type { SigningKeyAlgorithm } from "./signer.types.js";
import { weakEd25519KeyError } from "./internal/ed25519-weak-keys.js";

/** SPKI DER prefix of an Ed25519 public key (RFC 8410 §4); the 32 raw bytes follow it. */
const ED25519_SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);

/** PKCS#8 DER prefix of an Ed25519 private key (RFC 8410 §7); the 32 private-key bytes follow it. */
const ED25519_PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/** An Ed25519 key pair in every form callers need. */
export interface Ed25519KeyPair {
  /** PEM PKCS#8 private key. Keep it secret. */
  readonly privateKeyPem: string;
  /** PEM SPKI public key. */
  readonly publicKeyPem: string;
  /** The 32 raw private-key bytes (the RFC 8032 secret key). Keep them secret. */
  readonly privateKeyRaw: Uint8Array;
  /** The 32-byte RFC 8032 public key. */
  readonly publicKeyRaw: Uint8Array;
  /** Stable identifier derived from the public key ({@link deriveKeyId}). */
  readonly keyId: string;
  /** The private key as a node:crypto KeyObject. */
  readonly privateKey: KeyObject;
  /** The public key as a node:crypto KeyObject. */
  readonly publicKey: KeyObject;
}

/** Key material accepted for a private key: PEM PKCS#8 text or a KeyObject. */
export type PrivateKeyInput = string | KeyObject;

/** Key material accepted for a public key: PEM SPKI text, a KeyObject, or 32 raw Ed25519 bytes. */
export type PublicKeyInput = string | KeyObject | Uint8Array;

/**
 * Generates a fresh Ed25519 key pair from the operating system's CSPRNG.
 *
 * @returns the pair as PEM, raw bytes and KeyObjects, with its derived `keyId`
 * @example
 * ```ts
 * const { privateKeyPem, publicKeyPem, keyId } = generateKeyPair();
 * const signer = new LocalSigner(privateKeyPem);
 * ```
 */
export function generateKeyPair(): Ed25519KeyPair {
  const { privateKey, publicKey } = generateEd25519();
  const privateJwk = privateKey.export({ format: "jwk" });
  const publicKeyRaw = rawEd25519PublicKey(publicKey);
  return {
    privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    privateKeyRaw: new Uint8Array(Buffer.from(String(privateJwk.d), "base64url")),
    publicKeyRaw,
    keyId: deriveKeyId(publicKey),
    privateKey,
    publicKey,
  };
}

/**
 * Generates an ECDSA P-256 key pair (the key type AWS KMS `ECC_NIST_P256` keys have), for tests
 * and local tools that need to produce KMS-compatible signatures.
 *
 * @returns PEM forms, KeyObjects and the derived `keyId`
 */
export function generateP256KeyPair(): {
  privateKeyPem: string;
  publicKeyPem: string;
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
} {
  const { privateKey, publicKey } = generateP256();
  return {
    privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    keyId: deriveKeyId(publicKey),
    privateKey,
    publicKey,
  };
}

/**
 * Builds an Ed25519 private key from its 32 raw bytes, the RFC 8032 secret key (the
 * `privateKeyRaw` of {@link generateKeyPair}, or bytes kept in a secrets manager), for
 * {@link LocalSigner}.
 *
 * @param privateKeyRaw - the 32 raw private-key bytes
 * @returns the private key as a node:crypto KeyObject
 * @throws SignatureError `SIG-001` when `privateKeyRaw` is not 32 bytes
 * @see https://www.rfc-editor.org/rfc/rfc8032#section-5.1.5
 * @example
 * ```ts
 * const signer = new LocalSigner(ed25519PrivateKeyFromRaw(pair.privateKeyRaw));
 * ```
 */
export function ed25519PrivateKeyFromRaw(privateKeyRaw: Uint8Array): KeyObject {
  if (!isUint8Array(privateKeyRaw) || privateKeyRaw.length !== 32) {
    const got = isUint8Array(privateKeyRaw)
      ? `${privateKeyRaw.length} bytes`
      : typeof privateKeyRaw;
    throw new SignatureError("SIG-001", `an Ed25519 private key is 32 bytes, got ${got}`);
  }
  const der = new Uint8Array(ED25519_PKCS8_PREFIX.length + 32);
  der.set(ED25519_PKCS8_PREFIX, 0);
  der.set(privateKeyRaw, ED25519_PKCS8_PREFIX.length);
  try {
    return parsePrivateKeyDer(der);
  } finally {
    // The DER copy holds the secret; don't leave it in memory longer than needed.
    der.fill(0);
  }
}

/**
 * Derives a stable key identifier from a public key: the algorithm name, a dash, and the first
 * 16 bytes (32 hex characters) of SHA-256 over the key's SPKI DER encoding. The same key gives
 * the same id on every machine, whatever form it is given in.
 *
 * @param publicKey - PEM SPKI, KeyObject (public or private), or 32 raw Ed25519 bytes
 * @returns e.g. `"ed25519-06e3fd8fda29bb60ab59557de61edb0a"` for the RFC 8032 §7.1 TEST 1 public key
 * @throws SignatureError `SIG-001` malformed key, `SIG-002` unsupported key type, `SIG-012` a
 *   small-order or non-canonical Ed25519 key
 */
export function deriveKeyId(publicKey: PublicKeyInput): string {
  const key = toPublicKeyObject(publicKey);
  const algorithm = keyAlgorithm(key);
  const der = key.export({ format: "der", type: "spki" });
  return `${algorithm === "ed25519" ? "ed25519" : "p256"}-${sha256HexDigest(der).slice(0, 32)}`;
}

/**
 * Exports a public key as PEM SPKI text.
 *
 * @param publicKey - any accepted public key form (a private key yields its public half)
 * @returns PEM text ending with a newline
 * @throws SignatureError `SIG-001`/`SIG-002`
 */
export function exportPublicKeyPem(publicKey: PublicKeyInput): string {
  return toPublicKeyObject(publicKey).export({ format: "pem", type: "spki" }).toString();
}

/**
 * Returns the 32 raw bytes of an Ed25519 public key (RFC 8032 encoding).
 *
 * @param publicKey - any accepted public key form
 * @returns 32 bytes
 * @throws SignatureError `SIG-002` when the key is not Ed25519
 */
export function exportEd25519PublicKeyRaw(publicKey: PublicKeyInput): Uint8Array {
  const key = toPublicKeyObject(publicKey);
  if (keyAlgorithm(key) !== "ed25519") {
    throw new SignatureError("SIG-002", "not an Ed25519 key");
  }
  return rawEd25519PublicKey(key);
}

/** @internal Parses any accepted private key form and checks its type. */
export function toPrivateKeyObject(input: PrivateKeyInput): KeyObject {
  return codedBoundary(() => parsePrivate(input), unreadableKey);
}

/** A key argument whose getters or Proxy traps throw is a malformed key. */
function unreadableKey(raw: unknown): SignatureError {
  return new SignatureError("SIG-001", `the key could not be read (${rawErrorName(raw)} thrown)`, {
    cause: raw,
  });
}

function parsePrivate(input: PrivateKeyInput): KeyObject {
  let key: KeyObject;
  if (isKeyObject(input)) {
    key = input;
  } else if (typeof input === "string") {
    if (!input.includes("PRIVATE KEY") && input.includes("PUBLIC KEY")) {
      throw new SignatureError("SIG-003", "a public key was given where a private key is needed");
    }
    try {
      key = parsePrivateKeyPem(input);
    } catch (cause) {
      throw new SignatureError(
        "SIG-001",
        `the private key PEM could not be parsed${pemHint(input)}`,
        {
          cause,
        },
      );
    }
  } else {
    throw new SignatureError("SIG-001", "a private key must be a PEM string or a KeyObject");
  }
  if (key.type !== "private") {
    throw new SignatureError(
      "SIG-003",
      `a ${key.type} key was given where a private key is needed`,
    );
  }
  keyAlgorithm(key);
  return key;
}

/** @internal Parses any accepted public key form (a private key yields its public half). */
export function toPublicKeyObject(input: PublicKeyInput): KeyObject {
  return codedBoundary(() => parsePublic(input), unreadableKey);
}

function parsePublic(input: PublicKeyInput): KeyObject {
  let key: KeyObject;
  if (isKeyObject(input)) {
    key = input.type === "private" ? publicKeyFromPrivate(input) : input;
  } else if (typeof input === "string") {
    if (input.includes("PRIVATE KEY")) {
      throw new SignatureError("SIG-003", "a private key was given where a public key is needed");
    }
    try {
      key = parsePublicKeyPem(input);
    } catch (cause) {
      throw new SignatureError(
        "SIG-001",
        `the public key PEM could not be parsed${pemHint(input)}`,
        {
          cause,
        },
      );
    }
  } else if (isUint8Array(input)) {
    if (input.length !== 32) {
      throw new SignatureError(
        "SIG-001",
        `a raw Ed25519 public key has 32 bytes, got ${input.length}`,
      );
    }
    const der = new Uint8Array(ED25519_SPKI_PREFIX.length + 32);
    der.set(ED25519_SPKI_PREFIX, 0);
    der.set(input, ED25519_SPKI_PREFIX.length);
    try {
      key = parsePublicKeyDer(der);
      // Not reachable in tests: node:crypto accepts any 32 bytes as an Ed25519 key today. The
      // catch keeps a future OpenSSL that checks the point from surfacing an uncoded error.
      /* v8 ignore start */
    } catch (cause) {
      throw new SignatureError("SIG-001", "the raw Ed25519 public key could not be decoded", {
        cause,
      });
    }
    /* v8 ignore stop */
  } else {
    throw new SignatureError(
      "SIG-001",
      "a public key must be a PEM string, a KeyObject or 32 raw bytes",
    );
  }
  if (key.type !== "public") {
    throw new SignatureError("SIG-003", `a ${key.type} key was given where a public key is needed`);
  }
  if (keyAlgorithm(key) === "ed25519") refuseWeakEd25519(rawEd25519PublicKey(key));
  return key;
}

/**
 * Refuses the Ed25519 public keys under which signatures can be forged without the private key:
 * the 8 small-order points (the identity `01 00…00` among them, under which R = identity, S = 0
 * verifies for every message) and non-canonical encodings (`y >= 2^255 - 19`). Every public key
 * entering Parmana (PEM, raw bytes, a KeyObject built from a JWK, trust roots) passes here.
 */
function refuseWeakEd25519(raw: Uint8Array): void {
  const error = weakEd25519KeyError(raw);
  if (error !== undefined) throw error;
}

/** @internal The Parmana algorithm name of a key, or SIG-002 for anything else. */
export function keyAlgorithm(key: KeyObject): SigningKeyAlgorithm {
  if (key.asymmetricKeyType === "ed25519") return "ed25519";
  if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") {
    return "ecdsa-p256-sha256";
  }
  const detail =
    key.asymmetricKeyType === "ec"
      ? `ec ${String(key.asymmetricKeyDetails?.namedCurve)}`
      : String(key.asymmetricKeyType);
  throw new SignatureError(
    "SIG-002",
    `unsupported key type ${detail}; use Ed25519 or ECDSA P-256`,
    {
      details: { keyType: detail },
    },
  );
}

function rawEd25519PublicKey(key: KeyObject): Uint8Array {
  // The JWK's `x` is the 32-byte public key (RFC 8037 §2), the bytes the SPKI DER ends with; node
  // reads it straight from OpenSSL, where encoding the DER costs about 70 times more.
  return new Uint8Array(Buffer.from(String(key.export({ format: "jwk" }).x), "base64url"));
}
