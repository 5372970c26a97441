import type { KeyObject } from "../internal/crypto.js";

/** An Ed25519 signature over a governance payload. */
export interface GovernanceSignature {
  readonly algorithm: "ed25519";
  /** Identifier of the signing key; covered by the signature. */
  readonly keyId: string;
  /** Standard base64 with padding. */
  readonly signature: string;
}

/** A pre-canonicalized payload (RFC 8785 JSON text). */
export interface SignablePayload {
  readonly payload: string;
}

/**
 * The signing domains a governance signature may be made under: `SIGNING_DOMAINS.governance`
 * (the default: a generic governance signature that no artifact verifier accepts), or a named
 * artifact kind, `SIGNING_DOMAINS.lineage`, `.authority`, `.proofBundle`, `.receipt`. Other
 * artifact kinds (attestations, overrides, manifests) have their own signers.
 */
export type GovernanceSigningDomain =
  | "PARMANA_GOVERNANCE_V1"
  | "PARMANA_LINEAGE_V1"
  | "PARMANA_AUTHORITY_V1"
  | "PARMANA_PROOF_BUNDLE_V1"
  | "PARMANA_RECEIPT_V1";

/** Input of `signGovernancePayload`. */
export interface SignGovernancePayloadInput extends SignablePayload {
  /** An Ed25519 private key. */
  readonly privateKey: KeyObject;
  /** Identifier of the key, non-empty; it is signed along with the payload. */
  readonly keyId: string;
  /**
   * The kind of artifact the signature is for (`SIGNING_DOMAINS.lineage`, `.authority`,
   * `.proofBundle`, `.receipt`). Defaults to `SIGNING_DOMAINS.governance`, a generic domain that
   * no artifact verifier accepts, so signing caller-influenced data without a domain can never
   * produce a proof-bundle (or any other artifact's) signature.
   */
  readonly domain?: GovernanceSigningDomain;
}

/** Input of `verifyGovernanceSignature`. */
export interface VerifyGovernanceSignatureInput extends SignablePayload {
  readonly signature: GovernanceSignature;
  /** The trusted Ed25519 public key. */
  readonly publicKey: KeyObject;
  /** The domain the signature must have been made under; defaults to `SIGNING_DOMAINS.governance`. */
  readonly domain?: GovernanceSigningDomain;
}

/** An Ed25519 key pair as node:crypto KeyObjects. */
export interface GovernanceKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}
