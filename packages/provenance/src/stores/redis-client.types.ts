import type { Clock } from "@parmanasystems/core";
/**
 * The part of an ioredis client that `RedisConsumptionStore` uses. An `ioredis` `Redis` or
 * `Cluster` instance satisfies it; so does any client with the same `SET ... NX` / `GET`
 * semantics.
 */
export interface RedisConsumptionClient {
  /** `SET key value NX`: resolves "OK" when set, null when the key exists. */
  set(key: string, value: string, nx: "NX"): Promise<"OK" | null>;
  /** `SET key value PX milliseconds NX`. */
  set(key: string, value: string, px: "PX", milliseconds: number, nx: "NX"): Promise<"OK" | null>;
  /** `GET key`. */
  get(key: string): Promise<string | null>;
}

/** Options of `RedisConsumptionStore`. */
export interface RedisConsumptionStoreOptions {
  /** Clock for `consumedAt` and expiry; returns a Date or epoch milliseconds. Defaults to the system clock. */
  readonly clock?: Clock;
  /**
   * How long a consumed key outlives its authority's `expiresAt`, in milliseconds, before Redis
   * drops it; `false` keeps keys forever. Default 300000 (5 minutes). The margin covers clock
   * skew between application servers: a key must not vanish while any server could still judge
   * the authority unexpired, or the authority could be consumed twice.
   */
  readonly expiryGraceMs?: number | false;
  /**
   * Deadline per Redis command in milliseconds (default 5000). A command that misses it counts
   * as a failure: consumption resolves false, status queries throw `PROV-026`. ioredis queues
   * commands while reconnecting, so without a deadline an outage would hang callers.
   */
  readonly operationTimeoutMs?: number;
}
