/**
 * A deterministic, time-bounded token authorising one executor to perform one governed action
 * once. Replay safety comes from consumption tracking (`consumeExecutionAuthority`), not from
 * randomness: the same inputs always give the same token.
 */
export interface ExecutionAuthority {
  readonly executionId: string;
  /** Hash of the attestation that authorised the action. */
  readonly attestationHash: string;
  readonly authorizedAction: string;
  /** `canonicalHash` of the authorised parameters. */
  readonly authorizedParametersHash: string;
  readonly executorIdentity: string;
  /** Derived from the other fields (see `createExecutionAuthority`). */
  readonly nonce: string;
  /** ISO-8601 UTC, as given to `createExecutionAuthority`. */
  readonly issuedAt: string;
  /** ISO-8601 UTC (`toISOString` form); the first instant at which the authority is expired. */
  readonly expiresAt: string;
  /** Domain-separated hash of every other field. */
  readonly authorityHash: string;
}

/** Input of `createExecutionAuthority`. */
export interface CreateExecutionAuthorityInput {
  readonly executionId: string;
  readonly attestationHash: string;
  readonly authorizedAction: string;
  /** Any plain JSON value; hashed into `authorizedParametersHash`. */
  readonly authorizedParameters: unknown;
  readonly executorIdentity: string;
  /** Lifetime in seconds: positive, at most one year, whole milliseconds. */
  readonly ttlSeconds: number;
  /** ISO-8601 UTC; required so that generation is deterministic. */
  readonly issuedAt: string;
}

/** Input of `verifyExecutionAuthority`. */
export interface VerifyExecutionAuthorityInput {
  /** The identity presenting the authority; must equal `authority.executorIdentity`. */
  readonly executorIdentity: string;
  /** ISO-8601 UTC; give it explicitly for determinism. Defaults to the current time. */
  readonly currentTime?: string;
}

/**
 * @deprecated Use {@link ExecutionAuthorityVerificationResult}: a `verify*` function's result is named
 * `*VerificationResult`. The same type under its old name.
 */
export type ExecutionAuthorityVerification = ExecutionAuthorityVerificationResult;

/** Result of `verifyExecutionAuthority`. */
export interface ExecutionAuthorityVerificationResult {
  readonly valid: boolean;
  /** Integrity failures, executor mismatch, expiry; empty when valid. */
  readonly reasons: readonly string[];
}
