/** Result of `verifyGovernanceProof`. */
export interface IndependentVerificationResult {
  /** True only when all five checks pass. */
  readonly valid: boolean;
  /** One message per problem, prefixed with the check's name. */
  readonly errors: readonly string[];
  readonly verification: {
    /** The manifest recomputes and the signature verifies under the trusted key. */
    readonly signatureValid: boolean;
    /** The lineage chain is intact (`verifyLineageChain`). */
    readonly lineageValid: boolean;
    /** An independent replay of the lineage is valid and reproduces the proof bundle's replay. */
    readonly replayValid: boolean;
    /** The governance invariants hold over the lineage and its independent replay. */
    readonly invariantsValid: boolean;
    /**
     * The proof bundle's `replayHash` and `replay.replayHash` equal the independent replay's
     * hash.
     */
    readonly replayHashMatches: boolean;
  };
}
