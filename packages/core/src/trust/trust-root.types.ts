import type { SigningKeyAlgorithm } from "../crypto/signer.types.js";

/**
 * What a trusted key may sign. `manifest` and `bundle` both allow policy bundle manifests;
 * `trust-root` allows signing the rotation to the next trust root.
 */
export type TrustKeyPurpose =
  | "attestation"
  | "manifest"
  | "bundle"
  | "override"
  | "audit"
  | "runtime"
  | "release"
  | "trust-root"
  | "receipt"
  | "lineage"
  | "authority"
  | "proof-bundle";

/** One key of a trust root. Times are RFC 3339 instants (`2026-01-01T00:00:00Z`). */
export interface TrustRootKey {
  /** The id signers write as `signerKeyId`; unique within the root. */
  readonly keyId: string;
  /** Decides how signatures are verified; never taken from the signed artifact. */
  readonly algorithm: SigningKeyAlgorithm;
  /** PEM SPKI public key. */
  readonly publicKey: string;
  /** What the key may sign; at least one. */
  readonly purposes: readonly TrustKeyPurpose[];
  /** Signatures issued before this instant are refused. */
  readonly validFrom: string;
  /** Signatures issued at or after this instant are refused. */
  readonly validUntil?: string;
  /** Signatures issued at or after this instant are refused: the key was compromised or retired. */
  readonly revokedAt?: string;
  /** Free text for operators. */
  readonly description?: string;
}

/**
 * A signed step from one trust root to the next. `signature` is made by key `signedBy` of the
 * previous root (purpose `trust-root`) over
 * `canonicalizeForSigning({ fromVersion, toVersion, previousRootHash, newRootHash, rotatedAt, signedBy }, SIGNING_DOMAINS.trustRoot)`.
 */
export interface RotationRecord {
  readonly fromVersion: string;
  readonly toVersion: string;
  /** `computeTrustRootHash` of the previous root. */
  readonly previousRootHash: string;
  /** `computeTrustRootHash` of the new root. */
  readonly newRootHash: string;
  /** RFC 3339 instant of the rotation; the signing key must be valid then. */
  readonly rotatedAt: string;
  /** `keyId` of the previous root's key that signed. */
  readonly signedBy: string;
  /** Standard base64 signature. */
  readonly signature: string;
}

/** The signed part of a rotation record: everything but `signature`. */
export type RotationRecordPayload = Omit<RotationRecord, "signature">;

/**
 * The trust-root file `trust/trust-root.json`: the keys a verifier accepts, for what and when,
 * and the runtimes it trusts. `rotations` lists, oldest first, the records that led from the
 * first root to this one; the last one names this root's version and hash.
 */
export interface TrustRoot {
  /** Names this version of the root; attestations carry it as `trustRootVersion`. */
  readonly trustRootVersion: string;
  readonly keys: readonly TrustRootKey[];
  /** Runtime hashes (`"sha256:<hex>"`) this root vouches for, whatever their version. */
  readonly trustedRuntimeHashes: readonly string[];
  readonly rotations?: readonly RotationRecord[];
}

/** One problem found in a trust root, with its `TRUST-` code and JSON path. */
export interface TrustRootProblem {
  readonly code: string;
  readonly message: string;
  readonly path: string;
}
