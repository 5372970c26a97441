import { SignatureError } from "../errors/parmana-error.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import { verifyMessage, type KeyObject } from "../internal/node-crypto.js";
import { decodeBase64StrictBuffer } from "./internal/base64-buffer.js";
import { borrowUtf8, borrowUtf8Parts, returnUtf8 } from "./internal/utf8-scratch.js";
import { isLowSEcdsa } from "./ecdsa-low-s.js";
import {
  deriveKeyId,
  exportPublicKeyPem,
  keyAlgorithm,
  toPublicKeyObject,
  type PublicKeyInput,
} from "./keys.js";
import type { SigningKeyAlgorithm, SyncVerifier } from "./signer.types.js";

/**
 * Verifies signatures in process with a public key. The algorithm comes from the key, never
 * from the signed data: Ed25519 keys verify RFC 8032 signatures (64 bytes, OpenSSL's strict
 * checks: canonical `S < L`, canonical point encodings), P-256 keys verify DER ECDSA/SHA-256
 * signatures in low-S form only (`s <= n/2`: each signing input has one valid signature; pass
 * `{ lowS: false }` to accept either form from signers outside Parmana). Small-order and
 * non-canonical Ed25519 public keys are refused (`SIG-012`). Synchronous, so
 * `verifyAttestation` with it returns a result directly.
 *
 * A wrong, malformed or non-base64 signature returns `false`; only a bad key or a non-string
 * argument throws.
 *
 * @example
 * ```ts
 * const verifier = new LocalVerifier(publicKeyPem);
 * verifier.verify(signingInput, attestation.signature); // true or false
 * ```
 */
/** Options of {@link LocalVerifier}. */
export interface LocalVerifierOptions {
  /**
   * P-256 keys: accept only low-S signatures (`s <= n/2`), as Parmana's signers emit. Default
   * true; false accepts both (r, s) and (r, n - s). No effect on Ed25519 keys.
   */
  readonly lowS?: boolean;
}

/** A private KeyObject (reading a hostile argument is left to toPublicKeyObject's coded errors). */
function isPrivateKeyObject(value: unknown): boolean {
  try {
    return (
      typeof value === "object" &&
      value !== null &&
      "type" in value &&
      (value as { type?: unknown }).type === "private"
    );
  } catch {
    return false;
  }
}

// The byte-level step of the class, reachable from executeFromSignals (below).
let verifyRawOf: (verifier: LocalVerifier, message: Uint8Array, signature: Uint8Array) => boolean;
// verify() of a text given as pieces, reachable from verifyAttestation (below).
let verifyPartsOf: (
  verifier: LocalVerifier,
  parts: readonly string[],
  signature: string,
) => boolean;
// A LocalVerifier itself (its private fields are there), not a Proxy or look-alike.
let isLocalVerifierObject: (value: object) => boolean;

/** Strict unless `lowS: false` was given plainly (unreadable options keep the strict default). */
function lowSRequired(options: LocalVerifierOptions): boolean {
  try {
    return options?.lowS !== false;
  } catch {
    return true;
  }
}

export class LocalVerifier implements SyncVerifier {
  /** Identifier derived from the public key. */
  readonly keyId: string;
  /** Algorithm of the key. */
  readonly algorithm: SigningKeyAlgorithm;
  /** PEM SPKI of the key. */
  readonly publicKeyPem: string;
  readonly #publicKey: KeyObject;
  readonly #lowS: boolean;

  static {
    verifyRawOf = (verifier, message, signature) => verifier.#verifyRaw(message, signature);
    verifyPartsOf = (verifier, parts, signature) => verifier.#verifyParts(parts, signature);
    isLocalVerifierObject = (value) => #publicKey in value;
  }

  /**
   * @param publicKey - PEM SPKI text, a KeyObject, or 32 raw Ed25519 bytes
   * @param options - `{ lowS }` for P-256 keys
   * @throws SignatureError `SIG-001` malformed key, `SIG-002` unsupported type, `SIG-003` a private
   *   key, `SIG-012` a small-order or non-canonical Ed25519 key
   */
  constructor(publicKey: PublicKeyInput, options: LocalVerifierOptions = {}) {
    if (isPrivateKeyObject(publicKey)) {
      throw new SignatureError("SIG-003", "a private key was given where a public key is needed");
    }
    this.#publicKey = toPublicKeyObject(publicKey);
    this.algorithm = keyAlgorithm(this.#publicKey);
    this.publicKeyPem = exportPublicKeyPem(this.#publicKey);
    this.keyId = deriveKeyId(this.#publicKey);
    this.#lowS = lowSRequired(options);
  }

  /**
   * @param payload - the signing input that was signed
   * @param signature - standard base64 signature
   * @returns true only when the signature is valid for `payload` under this key
   * @throws SignatureError `SIG-004` when `payload` or `signature` is not a string
   */
  verify(payload: string, signature: string): boolean {
    if (typeof payload !== "string" || typeof signature !== "string") {
      throw new SignatureError("SIG-004", "payload and signature must be strings");
    }
    const bytes = borrowUtf8(payload);
    try {
      return this.#verify(bytes, signature);
    } finally {
      returnUtf8(bytes);
    }
  }

  /**
   * Verifies a signature over arbitrary bytes. `verify(text, signature)` is
   * `verifyBytes(UTF-8 bytes of text, signature)`.
   *
   * @param message - the bytes that were signed
   * @param signature - standard base64 signature
   * @returns true only when the signature is valid for `message` under this key
   * @throws SignatureError `SIG-004` when `message` is not a Uint8Array or `signature` not a string
   */
  verifyBytes(message: Uint8Array, signature: string): boolean {
    if (!isUint8Array(message) || typeof signature !== "string") {
      throw new SignatureError("SIG-004", "message must be a Uint8Array and signature a string");
    }
    return this.#verify(message, signature);
  }

  /**
   * Verifies a signature given as bytes, with every check of {@link LocalVerifier.verifyBytes}
   * but the base64 decoding.
   */
  #verifyRaw(message: Uint8Array, signatureBytes: Uint8Array): boolean {
    return this.#verifyDecoded(message, signatureBytes);
  }

  /** `verify(parts.join(""), signature)`, the text's UTF-8 bytes written piece by piece. */
  #verifyParts(parts: readonly string[], signature: string): boolean {
    const bytes = borrowUtf8Parts(parts);
    try {
      return this.#verify(bytes, signature);
    } finally {
      returnUtf8(bytes);
    }
  }

  #verify(message: Uint8Array, signature: string): boolean {
    const signatureBytes = decodeBase64StrictBuffer(signature);
    if (signatureBytes === undefined) return false;
    return this.#verifyDecoded(message, signatureBytes);
  }

  #verifyDecoded(message: Uint8Array, signatureBytes: Uint8Array): boolean {
    // RFC 8032 §5.1.7: a signature is exactly 64 bytes; anything else is rejected before OpenSSL.
    if (this.algorithm === "ed25519") {
      if (signatureBytes.length !== 64) return false;
    } else if (this.#lowS && !isLowSEcdsa(signatureBytes)) {
      return false;
    }
    return verifyMessage(message, this.#publicKey, signatureBytes);
  }
}

/**
 * A LocalVerifier's verdict on signature bytes: every check of `verifyBytes` but the base64
 * decoding. For `executeFromSignals`, which self-verifies a fresh signature before encoding it.
 *
 * @param verifier - the verifier
 * @param message - the signed bytes
 * @param signature - the signature bytes
 * @returns whether the signature is valid
 */
export function verifyBytesRaw(
  verifier: LocalVerifier,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  return verifyRawOf(verifier, message, signature);
}

/**
 * What `verifier.verify(parts.join(""), signature)` returns for a LocalVerifier whose `verify` is
 * the class's own (the same strict decoding and checks), without one string of the whole text.
 * For `verifyAttestation`, which lays out the signing input as pieces.
 *
 * @param verifier - the verifier
 * @param parts - the signing input's pieces (well-formed text)
 * @param signature - standard base64 signature
 * @returns whether the signature is valid
 */
export function verifySigningParts(
  verifier: LocalVerifier,
  parts: readonly string[],
  signature: string,
): boolean {
  return verifyPartsOf(verifier, parts, signature);
}

/**
 * True for a LocalVerifier itself (not a Proxy of one) whose `verify` is the class's own: its
 * verdicts are then those of {@link verifySigningParts}.
 *
 * @param verifier - any verifier
 * @returns whether verifySigningParts may stand for its verify
 */
export function isPlainLocalVerifier(verifier: unknown): verifier is LocalVerifier {
  try {
    return (
      typeof verifier === "object" &&
      verifier !== null &&
      isLocalVerifierObject(verifier) &&
      (verifier as LocalVerifier).verify === LocalVerifier.prototype.verify
    );
  } catch {
    return false;
  }
}
