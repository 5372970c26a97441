import type { ProvenanceTrustLevel, SignalProvenance } from "@parmanasystems/core";

/** What signal provenance must satisfy to participate in governed authorization. */
export interface AdmissibilityPolicy {
  readonly requireProvenance?: boolean;
  readonly minimumTrustLevel?: ProvenanceTrustLevel;
  readonly allowedSources?: readonly string[];
  readonly requireEvidenceHash?: boolean;
  readonly requireSourceTimestamp?: boolean;
  readonly requireVerifiedSources?: boolean;
}

/** One signal's admissibility. */
export interface SignalAdmissibilityResult {
  readonly admissible: boolean;
  /** Why it is not admissible; empty when admissible. */
  readonly reasons: readonly string[];
  /** The signal's provenance, when it carries a well-formed record. */
  readonly provenance?: SignalProvenance;
}

/** Result of `evaluateAdmissibility`. */
export interface AdmissibilityResult {
  readonly admissible: boolean;
  /** Per signal, keys in sorted order. */
  readonly signalResults: Record<string, SignalAdmissibilityResult>;
  /** Every reason of every signal, `signal "<name>": <reason>`. */
  readonly violations: readonly string[];
}
