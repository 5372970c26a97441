/**
 * A deterministic, time-bounded token authorising one executor to perform one governed action
 * once. Replay safety comes from consumption tracking (`consumeExecutionAuthority`), not from
 * randomness: the same inputs always give the same token.
 */
export interface ExecutionAuthority {
  executionId: string;
  /** Hash of the attestation that authorised the action. */
  attestationHash: string;
  authorizedAction: string;
  /** `canonicalHash` of the authorised parameters. */
  authorizedParametersHash: string;
  executorIdentity: string;
  /** Derived from the other fields (see `createExecutionAuthority`). */
  nonce: string;
  /** ISO-8601 UTC, as given to `createExecutionAuthority`. */
  issuedAt: string;
  /** ISO-8601 UTC (`toISOString` form); the first instant at which the authority is expired. */
  expiresAt: string;
  /** Domain-separated hash of every other field. */
  authorityHash: string;
}

/** Input of `createExecutionAuthority`. */
export interface CreateExecutionAuthorityInput {
  executionId: string;
  attestationHash: string;
  authorizedAction: string;
  /** Any plain JSON value; hashed into `authorizedParametersHash`. */
  authorizedParameters: unknown;
  executorIdentity: string;
  /** Lifetime in seconds: positive, at most one year, whole milliseconds. */
  ttlSeconds: number;
  /** ISO-8601 UTC; required so that generation is deterministic. */
  issuedAt: string;
}

/** Input of `verifyExecutionAuthority`. */
export interface VerifyExecutionAuthorityInput {
  /** The identity presenting the authority; must equal `authority.executorIdentity`. */
  executorIdentity: string;
  /** ISO-8601 UTC; give it explicitly for determinism. Defaults to the current time. */
  currentTime?: string;
}

/**
 * @deprecated Use {@link ExecutionAuthorityVerificationResult}: a `verify*` function's result is named
 * `*VerificationResult`. The same type under its old name.
 */
export type ExecutionAuthorityVerification = ExecutionAuthorityVerificationResult;

/** Result of `verifyExecutionAuthority`. */
export interface ExecutionAuthorityVerificationResult {
  valid: boolean;
  /** Integrity failures, executor mismatch, expiry; empty when valid. */
  reasons: string[];
}
