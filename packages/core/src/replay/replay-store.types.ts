/**
 * An opaque value that `reserve` hands out and that `confirm` and `release` present back. It
 * proves that the caller's reservation still holds the key (a fencing token): once the
 * reservation has lapsed and another attempt has reserved the key, the old token no longer
 * matches, so the late attempt can neither confirm the key nor free the other attempt's
 * reservation.
 */
export type ReservationToken = string;

/**
 * Where `executeFromSignals` records which business transactions were decided. Keys are replay
 * keys: `"<policyId>:<executionId>"` when the caller gives an executionId, else the execution
 * fingerprint. Every method may answer synchronously or with a Promise.
 *
 * The contract every store meets (the shared stores of the adapter packages and
 * {@link MemoryReplayStore} all do):
 *
 * - `reserve` is atomic: of N concurrent callers with one key, exactly one succeeds, in every
 *   store and across processes. A taken key (reserved or confirmed) rejects with a
 *   `ReplayError` whose message starts `[INV-013] Replay detected:`. A reservation that is neither
 *   confirmed nor released expires after the store's reservation TTL, so a crashed attempt
 *   cannot block a key forever.
 * - **Fenced form.** `reserve` returns a fresh {@link ReservationToken}. `confirm(key, token)`
 *   succeeds only while that token still holds the key, and atomically turns the reservation into
 *   a decided key; otherwise it throws `[INV-REPLAY-003]` (`retryable: false`) and changes
 *   nothing. `release(key, token)` frees the key only while that token holds it, and is a no-op
 *   otherwise. This is what guarantees at most one attestation per key whatever the timing: an
 *   attempt whose reservation lapsed while its signer stalled cannot confirm, so
 *   `executeFromSignals` discards its signed attestation.
 * - **Original form.** A store written to the original interface returns nothing from `reserve` and
 *   ignores the token. It keeps working, with a weaker guarantee: if an attempt outlives its
 *   reservation, a second attempt can reserve the key and both may return attestations.
 * - A store that cannot answer (backend down, deadline passed) throws; `executeFromSignals` turns
 *   that into `[INV-REPLAY-005]` (`retryable: true`) and returns no attestation.
 * - `hasExecuted` is true only once a key is confirmed; a reservation alone is not an execution.
 */
export interface ReplayStore {
  /**
   * Claims the key for one attempt.
   *
   * @returns the reservation's fencing token (fenced stores), or nothing (stores written to the original interface)
   */
  reserve(key: string): Promise<ReservationToken | void> | ReservationToken | void;
  /**
   * Marks a reserved key as decided. With a token, only while that token still holds the key;
   * without one (a caller written to the original interface), whatever reservation holds it.
   */
  confirm(key: string, token?: ReservationToken): Promise<void> | void;
  /** True only once the key is confirmed (a reservation alone is not an execution). */
  hasExecuted(key: string): Promise<boolean> | boolean;
  /** Records the key as decided whether or not it was reserved (loading history, for example). */
  markExecuted(key: string): Promise<void> | void;
  /**
   * Optional: gives up a reservation after a failed attempt so a retry can proceed at once. With a
   * token, only while that token still holds the key. Stores without it rely on their
   * reservation TTL.
   */
  release?(key: string, token?: ReservationToken): Promise<void> | void;
}

/** State of a key in a {@link MemoryReplayStore}, for diagnostics and tests. */
export type ReplayKeyStatus = "unknown" | "reserved" | "confirmed" | "released";
