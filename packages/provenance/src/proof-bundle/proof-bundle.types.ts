import type { KeyObject } from "../internal/crypto.js";
import type { LineageEvent } from "../lineage/lineage.types.js";
import type { ReplayResult } from "../lineage-replay/replay.types.js";
import type { GovernanceSignature } from "../signing/governance-signature.types.js";

/** A signed, portable bundle of a lineage chain and its replay, verifiable offline. */
export interface GovernanceProofBundle {
  /** `"1.0.0"`. */
  readonly schemaVersion: string;
  /** ISO-8601 UTC; defaults to the replay's `reconstructedAt`. */
  readonly generatedAt: string;
  readonly lineage: readonly LineageEvent[];
  readonly replay: ReplayResult;
  /** Equal to `replay.replayHash`. */
  readonly replayHash: string;
  /** Domain-separated hash of `{ schemaVersion, generatedAt, lineage, replay, replayHash }`. */
  readonly manifestHash: string;
  /** Ed25519 signature under `SIGNING_DOMAINS.proofBundle` (see `createGovernanceProofBundle`). */
  readonly signature: GovernanceSignature;
}

/** Input of `createGovernanceProofBundle`. */
export interface CreateGovernanceProofBundleInput {
  readonly lineage: readonly LineageEvent[];
  /** `replayLineage(lineage)`. */
  readonly replay: ReplayResult;
  /** Ed25519 private key. */
  readonly privateKey: KeyObject;
  readonly keyId: string;
  /** ISO-8601 UTC; defaults to `replay.state.reconstructedAt` (never the wall clock). */
  readonly generatedAt?: string;
}

/** Input of `verifyGovernanceProofBundle` and `verifyGovernanceProof`. */
export interface VerifyGovernanceProofBundleInput {
  readonly bundle: GovernanceProofBundle;
  /** The trusted Ed25519 public key. */
  readonly publicKey: KeyObject;
}

/**
 * @deprecated Use {@link GovernanceProofBundleVerificationResult}: a `verify*` function's result is named
 * `*VerificationResult`. The same type under its old name.
 */
export type GovernanceProofBundleVerification = GovernanceProofBundleVerificationResult;

/** Result of `verifyGovernanceProofBundle`. */
export interface GovernanceProofBundleVerificationResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
}
