import type { Clock } from "@parmanasystems/core";
/**
 * Append-only persistence of lineage events. Implementations only ever insert: no update, no
 * delete. Events come back in insertion order; check them with `verifyPersistedLineage`.
 */
export interface LineagePersistenceStore<T> {
  append(event: T): Promise<void>;
  getByExecutionId(executionId: string): Promise<readonly T[]>;
  getAll(): Promise<readonly T[]>;
}

/** Persistence of governance proofs (proof bundles), keyed by replay hash. */
export interface GovernanceProofStore<T> {
  persist(proof: T): Promise<void>;
  get(replayHash: string): Promise<T | null>;
}

/** Options every consumption store accepts. */
export interface ConsumptionStoreOptions {
  /**
   * Clock used for `consumedAt` and expiry checks; returns a Date or epoch milliseconds.
   * Defaults to the system clock. Inject one in tests.
   */
  readonly clock?: Clock;
}
