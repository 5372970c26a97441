/**
 * The algorithm of a Parmana signing key: what Parmana signs and verifies with. The trusted key
 * decides which applies. (A source attestation's algorithm is a `SignatureAlgorithm`.)
 */
export type SigningKeyAlgorithm = "ed25519" | "ecdsa-p256-sha256";

/** @deprecated Use {@link SigningKeyAlgorithm}: the same type under the name used everywhere. */
export type SignatureAlgorithmName = SigningKeyAlgorithm;

/**
 * Signs the canonical signing input of an artifact (the documented interface). May be synchronous
 * (`LocalSigner`) or asynchronous (KMS, Vault). Returns standard base64 with padding.
 */
export interface Signer {
  sign(payload: string): string | Promise<string>;
  /**
   * Identifier of the signing key; written into attestations as `signerKeyId` when present.
   * (Named so that a signer class may keep a private `keyId` of its own, such as a KMS key ARN,
   * without it ever reaching a signed artifact.)
   */
  readonly signerKeyId?: string;
  /** Algorithm of the signing key; Ed25519 when absent. */
  readonly algorithm?: SignatureAlgorithmName;
}

/**
 * Verifies a base64 signature over a signing input (the documented interface). Returns false for a bad
 * signature; may be synchronous (`LocalVerifier`) or asynchronous (KMS, Vault).
 */
export interface Verifier {
  verify(payload: string, signature: string): boolean | Promise<boolean>;
}

/** A verifier that answers synchronously, such as {@link LocalVerifier}. */
export interface SyncVerifier extends Verifier {
  verify(payload: string, signature: string): boolean;
}

/** A verifier that answers with a Promise, such as a KMS or Vault verifier. */
export interface AsyncVerifier extends Verifier {
  verify(payload: string, signature: string): Promise<boolean>;
}
