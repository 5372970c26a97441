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
   * Whether commands that concurrent calls issue in one tick share socket writes while replies are
   * pending (default `true`); see {@link RedisConnectionOptions.coalesceWrites}.
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
