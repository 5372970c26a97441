import type { ProvenanceTrustLevel, SignalProvenance } from "@parmanasystems/core";

/** What signal provenance must satisfy to participate in governed authorization. */
export interface AdmissibilityPolicy {
  requireProvenance?: boolean;
  minimumTrustLevel?: ProvenanceTrustLevel;
  allowedSources?: string[];
  requireEvidenceHash?: boolean;
  requireSourceTimestamp?: boolean;
  requireVerifiedSources?: boolean;
}

/** One signal's admissibility. */
export interface SignalAdmissibilityResult {
  admissible: boolean;
  /** Why it is not admissible; empty when admissible. */
  reasons: string[];
  /** The signal's provenance, when it carries a well-formed record. */
  provenance?: SignalProvenance;
}

/** Result of `evaluateAdmissibility`. */
export interface AdmissibilityResult {
  admissible: boolean;
  /** Per signal, keys in sorted order. */
  signalResults: Record<string, SignalAdmissibilityResult>;
  /** Every reason of every signal, `signal "<name>": <reason>`. */
  violations: string[];
}
