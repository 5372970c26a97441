import type { Signer, Verifier } from "@parmanasystems/core";
import type { RedisConnectionOptions } from "../connection/redis-client.types.js";

/**
 * Options of {@link RedisPendingOverrideStore} besides the connection.
 *
 * @example
 * ```ts
 * const store = new RedisPendingOverrideStore(process.env.REDIS_URL, { signer, verifier, recordTtlMs: 30 * 86_400_000 });
 * ```
 */
export interface RedisPendingOverrideStoreSettings {
  /**
   * Signs the override records of decisions found in this store: the key that signed the
   * attestations (a `LocalSigner`, `KMSSigner`, `VaultSigner`, ...). Required: a signer cannot be
   * stored in Redis, so every instance brings its own.
   */
  readonly signer: Signer;
  /**
   * Verifies the attestation of every decision read back from Redis (a record altered in Redis
   * does not verify and is refused) and the override records before they are returned. Required.
   */
  readonly verifier: Verifier;
  /** Prefix of every key (default `"parmana:override:"`). */
  readonly prefix?: string;
  /**
   * How long a decision is kept, resolved or not, in milliseconds (default: forever). After it
   * expires the decision can no longer be approved from this store.
   */
  readonly recordTtlMs?: number;
  /**
   * Deadline of every Redis command, in milliseconds (default 2000). A command that fails or
   * misses it throws `STORE-002` (retryable).
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
 * The one-object form of the {@link RedisPendingOverrideStore} constructor.
 *
 * @example
 * ```ts
 * const store = new RedisPendingOverrideStore({ client: redis, signer, verifier });
 * ```
 */
export interface RedisPendingOverrideStoreOptions
  extends RedisConnectionOptions, RedisPendingOverrideStoreSettings {}
