import type { ProvenanceTrustLevel } from "@parmanasystems/core";

/** Explicit governance rules about provenance; provenance never implicitly affects policy evaluation. */
export interface ProvenancePolicyRequirements {
  /** Every signal must carry provenance. */
  requireProvenance?: boolean;
  /** Every signal's effective trust must be at least this. */
  minimumTrustLevel?: ProvenanceTrustLevel;
  /** Sources signals may come from. */
  allowedSources?: string[];
  /** Every signal's provenance must carry an `evidenceHash`. */
  requireEvidenceHash?: boolean;
  /** Every signal's provenance must carry a `sourceTimestamp`. */
  requireSourceTimestamp?: boolean;
  /** Every signal's provenance must have `sourceVerified: true`. */
  requireVerifiedSources?: boolean;
}

/** Result of `evaluateProvenancePolicy`. */
export interface ProvenancePolicyResult {
  allowed: boolean;
  /** One line per failed requirement, `signal "<name>": <reason>`. */
  violations: string[];
  /** Informational findings. */
  warnings: string[];
}
