import type { InvariantVerificationResult } from "../invariants/invariants.types.js";
import type { ReplayResult } from "../lineage-replay/replay.types.js";
import type { VerificationBundle } from "../verification-bundle/verification-bundle.types.js";

/** Input of `explainGovernance`. */
export interface ExplainGovernanceInput {
  replay: ReplayResult;
  invariants: InvariantVerificationResult;
  verificationBundle?: VerificationBundle;
}

/** A human-readable account of one execution's governance, from replay and invariant results. */
export interface GovernanceExplanation {
  /** One paragraph. */
  summary: string;
  authorization: { attestationHash?: string; executionId?: string };
  evidence: {
    /** Provenance records in the lineage. */
    provenanceCount: number;
    verificationBundlePresent: boolean;
    /** Lowest trust level the verification bundle records, or null when unknown. */
    minimumTrustObserved: string | null;
  };
  execution: {
    executionReported: boolean;
    reconciliationPerformed: boolean;
    /** True only when a verification bundle's reconciliation reports `match: true`. */
    reconciliationConsistent: boolean;
  };
  integrity: {
    replayValid: boolean;
    invariantsValid: boolean;
    violationCount: number;
  };
  /** One sentence per notable fact, most serious first. */
  observations: string[];
}
