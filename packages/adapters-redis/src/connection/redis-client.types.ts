import type { Cluster, Redis } from "ioredis";

/**
 * A connection the stores of this package work through: an ioredis `Redis` (one server, or a
 * Sentinel-managed primary) or an ioredis `Cluster`.
 *
 * @example
 * ```ts
 * import { Cluster } from "ioredis";
 * const client: RedisClient = new Cluster([{ host: "10.0.0.1", port: 6379 }]);
 * ```
 */
export type RedisClient = Redis | Cluster;

/**
 * How a store reaches Redis: the options every store of this package shares.
 *
 * @example
 * ```ts
 * const connection: RedisConnectionOptions = { url: "rediss://cache.internal:6380", operationTimeoutMs: 500 };
 * ```
 */
export interface RedisConnectionOptions {
  /**
   * An ioredis `Redis` or `Cluster` you created. You own it: the store never closes it (its
   * `disconnect()` only stops the store). Give either `client` or `url`, not both.
   */
  readonly client?: RedisClient;
  /**
   * A `redis://` or `rediss://` URL (or a Unix socket path) for a connection the store opens and
   * closes in `disconnect()`. Neither `client` nor `url`: ioredis's default, `127.0.0.1:6379`.
   */
  readonly url?: string;
  /**
   * Deadline of every Redis command, in milliseconds (default 2000). ioredis queues commands
   * while it reconnects, so without a deadline an outage would hang callers; a command that
   * misses it fails closed.
   */
  readonly operationTimeoutMs?: number;
}
