import { MemoryPendingOverrideStore } from "./memory-pending-override-store.js";

/**
 * The process-wide pending-override store: `executeFromSignals` records pending decisions here
 * when no `pendingOverrideStore` is given, and `approveOverride` / `rejectOverride` look here when
 * no `store` is given, so the seeds' `approveOverride(input)` works in the process that decided.
 * In memory, bounded by the default `maxSize` (100,000); pass your own store to both calls for
 * multi-process deployments.
 */
export const defaultPendingOverrideStore: MemoryPendingOverrideStore =
  new MemoryPendingOverrideStore();
