import type { KeyObject } from "../internal/crypto.js";
import type { LineageEvent } from "../lineage/lineage.types.js";
import type { ReplayResult } from "../lineage-replay/replay.types.js";
import type { GovernanceSignature } from "../signing/governance-signature.types.js";

/** A signed, portable bundle of a lineage chain and its replay, verifiable offline. */
export interface GovernanceProofBundle {
  /** `"1.0.0"`. */
  schemaVersion: string;
  /** ISO-8601 UTC; defaults to the replay's `reconstructedAt`. */
  generatedAt: string;
  lineage: LineageEvent[];
  replay: ReplayResult;
  /** Equal to `replay.replayHash`. */
  replayHash: string;
  /** Domain-separated hash of `{ schemaVersion, generatedAt, lineage, replay, replayHash }`. */
  manifestHash: string;
  /** Ed25519 signature under `SIGNING_DOMAINS.proofBundle` (see `createGovernanceProofBundle`). */
  signature: GovernanceSignature;
}

/** Input of `createGovernanceProofBundle`. */
export interface CreateGovernanceProofBundleInput {
  lineage: LineageEvent[];
  /** `replayLineage(lineage)`. */
  replay: ReplayResult;
  /** Ed25519 private key. */
  privateKey: KeyObject;
  keyId: string;
  /** ISO-8601 UTC; defaults to `replay.state.reconstructedAt` (never the wall clock). */
  generatedAt?: string;
}

/** Input of `verifyGovernanceProofBundle` and `verifyGovernanceProof`. */
export interface VerifyGovernanceProofBundleInput {
  bundle: GovernanceProofBundle;
  /** The trusted Ed25519 public key. */
  publicKey: KeyObject;
}

/**
 * @deprecated Use {@link GovernanceProofBundleVerificationResult}: a `verify*` function's result is named
 * `*VerificationResult`. The same type under its old name.
 */
export type GovernanceProofBundleVerification = GovernanceProofBundleVerificationResult;

/** Result of `verifyGovernanceProofBundle`. */
export interface GovernanceProofBundleVerificationResult {
  valid: boolean;
  errors: string[];
}
