import type { RedisClient } from "./redis-client.types.js";

const METHODS = ["get", "set", "eval", "evalsha", "duplicate", "quit", "disconnect"] as const;

/**
 * Recognises an ioredis `Redis` or `Cluster` by shape rather than `instanceof`, so a client
 * from the application's own copy of ioredis (another version than ours) is accepted, while
 * other Redis libraries (node-redis, a mock with `get`/`set` only) are refused: the stores rely
 * on ioredis's reply types and on its `status` and `isCluster` fields.
 */
export function isIoredisClient(value: unknown): value is RedisClient {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    METHODS.every((method) => typeof record[method] === "function") &&
    typeof record["status"] === "string" &&
    typeof record["isCluster"] === "boolean"
  );
}
