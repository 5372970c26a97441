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
   * Whether commands that concurrent calls issue in one tick share socket writes while replies are
   * pending (default `true`); see {@link RedisConnectionOptions.coalesceWrites}.
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
