/**
 * Where `executeFromSignals` records which business transactions were decided (seed interface,
 * plus an optional `release`). Keys are replay keys: `"<policyId>:<executionId>"` when the caller
 * gives an executionId, else the execution fingerprint.
 *
 * `reserve` must be atomic: of N concurrent callers with one key, exactly one succeeds, in every
 * store and across processes (Redis `SET NX`, DynamoDB conditional put). A taken key rejects with
 * a message starting `[INV-013] Replay detected:`.
 */
export interface ReplayStore {
  /** Claims the key; rejects with `[INV-013]` when it is already reserved or confirmed. */
  reserve(key: string): Promise<void>;
  /** Marks a reserved key as decided. */
  confirm(key: string): Promise<void>;
  /** True only once the key is confirmed (a reservation alone is not an execution). */
  hasExecuted(key: string): Promise<boolean>;
  /** Records the key as decided (seed stores treat it as `confirm`). */
  markExecuted(key: string): Promise<void>;
  /**
   * Optional: gives up a reservation after a failed attempt so a retry can proceed at once.
   * Stores without it rely on their reservation TTL.
   */
  release?(key: string): Promise<void>;
}

/** State of a key in a {@link MemoryReplayStore}, for diagnostics and tests. */
export type ReplayKeyStatus = "unknown" | "reserved" | "confirmed" | "released";
