export { MemoryReplayStore } from "./memory-replay-store.js";
export type { MemoryReplayStoreOptions } from "./memory-replay-store.js";
export type { ReplayStore, ReplayKeyStatus } from "./replay-store.types.js";
