import type { ProvenanceAttestationSummary } from "../signal-provenance/provenance.types.js";

/** `execution_state` values. `"pending_override"` exactly when `decision.requires_override`. */
export type ExecutionState = "completed" | "pending_override";

/** The decision sealed in an attestation. */
export interface AttestationDecision {
  readonly action: string;
  readonly requires_override: boolean;
  readonly reason: string;
}

/**
 * The signed record of a decision (the documented `ExecutionAttestation`). Field names keep
 * the product's mixed spelling on purpose. `signature` is Ed25519 (or the trusted key's
 * algorithm) over `canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation)`, where the
 * payload is every field except `signature`.
 */
export interface ExecutionAttestation {
  // Identity
  readonly executionId: string;
  readonly execution_fingerprint: string;
  // Policy
  readonly policyId: string;
  readonly policyVersion: string;
  readonly schemaVersion: string;
  // Runtime
  readonly runtimeVersion: string;
  readonly runtimeHash: string;
  // Decision
  readonly decision: AttestationDecision;
  readonly execution_state: ExecutionState;
  // Hashes
  readonly signalsHash: string;
  readonly bundleHash: string;
  readonly manifestHash: string;
  readonly releaseManifestHash: string;
  /** @deprecated alias of `evaluatorSemanticHash`. */
  readonly evaluatorHash: string;
  readonly evaluatorSemanticHash: string;
  readonly evaluatorArtifactHash: string;
  // Trust
  readonly manifestSignature: string;
  readonly trustRootVersion: string;
  readonly signerKeyId: string;
  // Time and provenance (signed, not part of the fingerprint)
  /**
   * ISO-8601 UTC time of signing. `executeFromSignals` always sets it; it is optional in the
   * type so that records shaped like the product's documented `ExecutionAttestation` (which
   * has no `issuedAt`) type-check as attestations.
   */
  readonly issuedAt?: string;
  readonly provenance?: ProvenanceAttestationSummary;
  // Signature
  readonly signature: string;
}

/** Everything of an attestation that is signed: all fields except `signature`. */
export type AttestationPayload = Omit<ExecutionAttestation, "signature">;
