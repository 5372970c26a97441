// Replay protection shared by every instance
export { RedisReplayStore } from "./replay/redis-replay-store.js";
export type {
  RedisReplayStoreOptions,
  RedisReplayStoreSettings,
  RedisReplayKeyStatus,
} from "./replay/redis-replay-store.types.js";
export { MAX_REPLAY_KEY_BYTES } from "./replay/replay-key.js";

// Pending overrides shared by every instance
export { RedisPendingOverrideStore } from "./override/redis-pending-override-store.js";
export type {
  RedisPendingOverrideStoreOptions,
  RedisPendingOverrideStoreSettings,
} from "./override/redis-pending-override-store.types.js";

// Connection
export type { RedisClient, RedisConnectionOptions } from "./connection/redis-client.types.js";
