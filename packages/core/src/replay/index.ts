export { MemoryReplayStore } from "./memory-replay-store.js";
export type { MemoryReplayStoreOptions } from "./memory-replay-store.js";
export type { ReplayStore, ReplayKeyStatus, ReservationToken } from "./replay-store.types.js";
