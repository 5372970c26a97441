import type { ProvenanceTrustLevel } from "@parmanasystems/core";

/** Explicit governance rules about provenance; provenance never implicitly affects policy evaluation. */
export interface ProvenancePolicyRequirements {
  /** Every signal must carry provenance. */
  readonly requireProvenance?: boolean;
  /** Every signal's effective trust must be at least this. */
  readonly minimumTrustLevel?: ProvenanceTrustLevel;
  /** Sources signals may come from. */
  readonly allowedSources?: readonly string[];
  /** Every signal's provenance must carry an `evidenceHash`. */
  readonly requireEvidenceHash?: boolean;
  /** Every signal's provenance must carry a `sourceTimestamp`. */
  readonly requireSourceTimestamp?: boolean;
  /** Every signal's provenance must have `sourceVerified: true`. */
  readonly requireVerifiedSources?: boolean;
}

/** Result of `evaluateProvenancePolicy`. */
export interface ProvenancePolicyResult {
  readonly allowed: boolean;
  /** One line per failed requirement, `signal "<name>": <reason>`. */
  readonly violations: readonly string[];
  /** Informational findings. */
  readonly warnings: readonly string[];
}
