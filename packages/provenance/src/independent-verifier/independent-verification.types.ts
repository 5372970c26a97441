/** Result of `verifyGovernanceProof`. */
export interface IndependentVerificationResult {
  /** True only when all five checks pass. */
  valid: boolean;
  /** One message per problem, prefixed with the check's name. */
  errors: string[];
  verification: {
    /** The manifest recomputes and the signature verifies under the trusted key. */
    signatureValid: boolean;
    /** The lineage chain is intact (`verifyLineageChain`). */
    lineageValid: boolean;
    /** An independent replay of the lineage is valid and reproduces the proof bundle's replay. */
    replayValid: boolean;
    /** The governance invariants hold over the lineage and its independent replay. */
    invariantsValid: boolean;
    /**
     * The proof bundle's `replayHash` and `replay.replayHash` equal the independent replay's
     * hash.
     */
    replayHashMatches: boolean;
  };
}
