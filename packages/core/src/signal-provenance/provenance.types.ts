/** Trust of a provenance record, ordered `unverified < claimed < verified < trusted`. */
export type ProvenanceTrustLevel = "unverified" | "claimed" | "verified" | "trusted";

/** Application-layer simplified trust scale, kept for compatibility. */
export type TrustLevel = "low" | "medium" | "high";

/** Classification of a signal's source. */
export type SourceType =
  | "financial_api"
  | "government_api"
  | "banking_api"
  | "document_ai"
  | "voice_transcript"
  | "internal_system"
  | "manual_entry"
  | "unknown";

/** How a source was verified. */
export type VerificationMethod = "signature" | "tls" | "api-key" | "manual" | "unknown";

/** Algorithms a {@link SourceAttestation} may be signed with. */
export type SignatureAlgorithm = "ed25519" | "rsa-pss-sha256" | "ecdsa-p256" | "unknown";

/**
 * Where a signal came from, how it was obtained and how far its source is trusted.
 * `sourceVerified: true` means the lineage was verified, not that the claim is true.
 */
export interface SignalProvenance {
  schemaVersion?: string;
  source: string;
  sourceType: SourceType;
  sourceVerified: boolean;
  verificationMethod?: VerificationMethod;
  /** ISO-8601 UTC timestamp from the source. */
  sourceTimestamp?: string;
  /** e.g. `"aa-adapter@1.0.0"`. */
  adapterIdentity?: string;
  /** Ordered transformations applied to the raw evidence. */
  transformationLineage?: string[];
  /** `sha256:<hex>` of the canonical raw source payload. */
  evidenceHash?: string;
  trustLevel?: ProvenanceTrustLevel;
  /** Source-specific context; never affects evaluation. */
  metadata?: Record<string, unknown>;
}

/** A raw signal value with optional provenance. Policy evaluation only ever sees `value`. */
export interface GovernedSignal<T = unknown> {
  value: T;
  provenance?: SignalProvenance;
}

/** Signals by name, each wrapped as a {@link GovernedSignal}. */
export type GovernedSignalMap = Record<string, GovernedSignal>;

/** Cryptographic proof that a payload came from a given external system. */
export interface SourceAttestation {
  source: string;
  /** base64 signature over the canonical payload hash. */
  signature: string;
  algorithm: SignatureAlgorithm;
  signedAt: string;
  /** `sha256:<hex>` of the canonical signed payload. */
  payloadHash: string;
  keyId?: string;
}

/** Result of `validateProvenance`. */
export interface ProvenanceValidationResult {
  readonly valid: boolean;
  /** Policy violations that block execution. */
  readonly errors: readonly string[];
  /** Informational findings (missing timestamps, missing evidenceHash). */
  readonly warnings: readonly string[];
  readonly trustSummary: {
    readonly totalSignals: number;
    readonly signalsWithProvenance: number;
    readonly verifiedSignals: number;
    readonly unverifiedSignals: number;
    readonly signalsMissingEvidenceHash: number;
    readonly signalsMissingTimestamp: number;
    readonly minimumTrustLevel: ProvenanceTrustLevel | null;
  };
}

/**
 * @deprecated Use {@link SignalProvenanceValidationOptions}: names of signal provenance say
 * `SignalProvenance`. The same type under its old name.
 */
export type ProvenanceValidationOptions = SignalProvenanceValidationOptions;

/** Options of `validateProvenance`. */
export interface SignalProvenanceValidationOptions {
  /** Every signal must carry provenance. */
  requireProvenance?: boolean;
  /** Reject signals below this trust level. */
  minimumTrustLevel?: ProvenanceTrustLevel;
  /** Allowed source identifiers. */
  requiredSources?: readonly string[];
}

/** Deterministic provenance summary signed into an attestation; never part of the fingerprint. */
export interface ProvenanceAttestationSummary {
  readonly provenanceHash: string | null;
  readonly signalsWithProvenance: number;
  readonly verifiedSignals: number;
  readonly unverifiedSignals: number;
  readonly minimumTrustLevel: ProvenanceTrustLevel | null;
}

/**
 * @deprecated Use {@link SourceAttestationVerificationResult}: a `verify*` function's result is named
 * `*VerificationResult`. The same type under its old name.
 */
export type VerificationResult = SourceAttestationVerificationResult;

/** Result of `verifySourceAttestation`. */
export interface SourceAttestationVerificationResult {
  readonly valid: boolean;
  /** Present on failure. */
  readonly reason?: string;
}
