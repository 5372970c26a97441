export { MemoryPendingOverrideStore, DEFAULT_PENDING_OVERRIDE_MAX_SIZE } from "./memory-pending-override-store.js";
export type { MemoryPendingOverrideStoreOptions } from "./memory-pending-override-store.js";
export { defaultPendingOverrideStore } from "./default-pending-override-store.js";
export type { PendingOverride, PendingOverrideReference, PendingOverrideStore } from "./pending-override.types.js";
