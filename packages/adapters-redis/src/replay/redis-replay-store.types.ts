import type { RedisConnectionOptions } from "../connection/redis-client.types.js";

/**
 * Options of {@link RedisReplayStore} besides the connection.
 *
 * @example
 * ```ts
 * const settings: RedisReplayStoreSettings = { prefix: "payments:replay:", operationTimeoutMs: 500 };
 * const store = new RedisReplayStore(process.env.REDIS_URL, settings);
 * ```
 */
export interface RedisReplayStoreSettings {
  /** Prefix of every key (default `"parmana:replay:"`, the documented layout). */
  readonly prefix?: string;
  /**
   * How long an unconfirmed reservation holds its key, in milliseconds (default 300000, five
   * minutes). A crashed attempt blocks its key this long; a live attempt must confirm within it,
   * or its confirm is refused (`INV-REPLAY-003`). Keep it well above the deadline of a whole
   * `executeFromSignals` call.
   */
  readonly reservationTtlMs?: number;
  /**
   * How long a decided key is kept, in milliseconds (default: forever). Replay protection for a
   * key lasts exactly as long as the key: after it expires, the same transaction can be decided
   * again. Set it only to something longer than any retry or redelivery of a request can come.
   */
  readonly confirmedTtlMs?: number;
  /**
   * Deadline of every Redis command, in milliseconds (default 2000). A command that fails or
   * misses it throws `INV-REPLAY-005` (retryable), so an outage fails calls promptly instead of
   * hanging them in ioredis's reconnect queue.
   */
  readonly operationTimeoutMs?: number;
  /**
   * While some of the store's commands await their replies, send the commands that concurrent
   * calls issue in the same tick of the event loop in a few socket writes (at most 8 of the
   * store's commands each) instead of one write per command (default `true`). Redis then reads
   * and answers them together: fewer system calls and server wake-ups per call. With nothing
   * pending a command is written at once. Each command keeps its own reply, order and deadline;
   * a held command waits at most for the rest of the current tick. On a client you pass in,
   * commands of your own issued on it during such a tick are held with the store's, in their
   * order (the kind of deferral ioredis's `enableAutoPipelining` makes for every command, here
   * bounded by the tick); set `false` to have the store write each command at once. No effect
   * on a `Cluster` or on a client with `enableAutoPipelining` (which batches its writes itself).
   */
  readonly coalesceWrites?: boolean;
}

/**
 * The one-object form of the {@link RedisReplayStore} constructor: connection and settings.
 *
 * @example
 * ```ts
 * const store = new RedisReplayStore({ url: process.env.REDIS_URL, reservationTtlMs: 60_000 });
 * ```
 */
export interface RedisReplayStoreOptions extends RedisConnectionOptions, RedisReplayStoreSettings {}

/**
 * State of a replay key as {@link RedisReplayStore.status} reports it.
 *
 * @example
 * ```ts
 * const state: RedisReplayKeyStatus = await store.status("loan-approval:app-42");
 * ```
 */
export type RedisReplayKeyStatus = "unknown" | "reserved" | "confirmed";
