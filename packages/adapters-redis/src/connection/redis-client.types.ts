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
