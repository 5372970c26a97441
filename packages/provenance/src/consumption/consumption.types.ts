import type { ExecutionAuthority } from "../authority/execution-authority.types.js";

/** Where an authority stands in a consumption store. */
export type AuthorityConsumptionStatus = "available" | "consumed" | "expired" | "invalid";

/**
 * Atomic single consumption of execution authorities. Implementations must guarantee that of
 * any number of concurrent `consume` calls for one authority (across processes), at most one
 * returns true, and must return false rather than true on any doubt (backend unreachable).
 */
export interface AuthorityConsumptionStore {
  /** Marks the authority consumed; true only for the one call that consumed it. */
  consume(authority: ExecutionAuthority, consumerIdentity: string): Promise<boolean> | boolean;
  /** The authority's status; throws (never answers "available") when the backend fails. */
  getStatus(
    authority: ExecutionAuthority,
  ): Promise<AuthorityConsumptionStatus> | AuthorityConsumptionStatus;
}

/** What a store keeps about a consumed authority. */
export interface AuthorityConsumptionRecord {
  readonly executionId: string;
  readonly authorityHash: string;
  readonly nonce: string;
  readonly consumed: boolean;
  readonly consumedAt?: string;
  readonly consumedBy?: string;
}

/** Result of `verifyAuthorityConsumption`. */
export interface ConsumptionVerificationResult {
  /** True only when the authority verifies and the store reports it `"available"`. */
  readonly allowed: boolean;
  /** Why it is not allowed; empty when allowed. */
  readonly reasons: readonly string[];
  readonly status: AuthorityConsumptionStatus;
}

/** Input of `verifyAuthorityConsumption` and `consumeExecutionAuthority`. */
export interface AuthorityConsumptionInput {
  readonly authority: ExecutionAuthority;
  /** The executor consuming the authority; must equal `authority.executorIdentity`. */
  readonly consumerIdentity: string;
  readonly store: AuthorityConsumptionStore;
  /** ISO-8601 UTC; give it explicitly for determinism. Defaults to the current time. */
  readonly currentTime?: string;
}

/** Record-level input of {@link ExecutionConsumptionStore.consume}. */
export interface ExecutionConsumptionInput {
  readonly authorityHash: string;
  readonly executionId: string;
  readonly consumerIdentity: string;
  /** ISO-8601 UTC. */
  readonly consumedAt: string;
}

/**
 * Result of a record-level consumption. From `consume`: `consumed` is true only for the call
 * that consumed; a losing call gets false plus the winner's `consumedAt`/`consumerIdentity`
 * when the store can tell. From `get`: the stored record, `consumed: true`.
 */
export interface ConsumptionResult {
  readonly consumed: boolean;
  readonly consumedAt?: string;
  readonly consumerIdentity?: string;
}

/** Record-level persistence of consumptions, keyed by `authorityHash`. */
export interface ExecutionConsumptionStore {
  consume(input: ExecutionConsumptionInput): Promise<ConsumptionResult>;
  /** The record, or null when never consumed; throws when the backend fails. */
  get(authorityHash: string): Promise<ConsumptionResult | null>;
}
