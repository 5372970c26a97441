import type { SigningKeyAlgorithm } from "@parmanasystems/core/portable";
import type { WebCryptoKey } from "../crypto/webcrypto.types.js";

/** A public key ready for WebCrypto verification, made by `importPublicKey`. */
export interface VerificationKey {
  /** `"ed25519"` or `"ecdsa-p256-sha256"`: taken from the key, never from a signed artifact. */
  readonly algorithm: SigningKeyAlgorithm;
  /**
   * The key's id as `@parmanasystems/core` derives it (`deriveKeyId`): the algorithm, a dash and
   * the first 32 hex characters of SHA-256 over the SPKI DER encoding.
   */
  readonly keyId: string;
  /** The SPKI DER encoding of the key. */
  readonly spki: Uint8Array;
  /** The WebCrypto key (usage `verify`, not extractable). */
  readonly cryptoKey: WebCryptoKey;
}

/** A JSON Web Key for Ed25519 (`kty: "OKP"`) or P-256 (`kty: "EC"`), public members only. */
export interface PublicJsonWebKey {
  readonly kty: string;
  readonly crv: string;
  readonly x: string;
  readonly y?: string;
  readonly [member: string]: unknown;
}

/**
 * Public key forms accepted everywhere a key is: PEM SPKI text, a JWK, raw bytes (32 for
 * Ed25519, 65 uncompressed `04 || x || y` for P-256), or an already imported key.
 */
export type PublicKeyInput = string | PublicJsonWebKey | Uint8Array | VerificationKey;
