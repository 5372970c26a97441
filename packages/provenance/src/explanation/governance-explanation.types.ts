import type { InvariantVerificationResult } from "../invariants/invariants.types.js";
import type { ReplayResult } from "../lineage-replay/replay.types.js";
import type { VerificationBundle } from "../verification-bundle/verification-bundle.types.js";

/** Input of `explainGovernance`. */
export interface ExplainGovernanceInput {
  readonly replay: ReplayResult;
  readonly invariants: InvariantVerificationResult;
  readonly verificationBundle?: VerificationBundle;
}

/** A human-readable account of one execution's governance, from replay and invariant results. */
export interface GovernanceExplanation {
  /** One paragraph. */
  readonly summary: string;
  readonly authorization: { readonly attestationHash?: string; readonly executionId?: string };
  readonly evidence: {
    /** Provenance records in the lineage. */
    readonly provenanceCount: number;
    readonly verificationBundlePresent: boolean;
    /** Lowest trust level the verification bundle records, or null when unknown. */
    readonly minimumTrustObserved: string | null;
  };
  readonly execution: {
    readonly executionReported: boolean;
    readonly reconciliationPerformed: boolean;
    /** True only when a verification bundle's reconciliation reports `match: true`. */
    readonly reconciliationConsistent: boolean;
  };
  readonly integrity: {
    readonly replayValid: boolean;
    readonly invariantsValid: boolean;
    readonly violationCount: number;
  };
  /** One sentence per notable fact, most serious first. */
  readonly observations: readonly string[];
}
