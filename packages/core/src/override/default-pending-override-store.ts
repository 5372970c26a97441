import { MemoryPendingOverrideStore } from "./memory-pending-override-store.js";

// One key for every copy of core in the process (the ESM and CommonJS builds, or two installed
// versions), like the error marker: an app that decides through one copy and approves through
// the other finds the pending decision.
const REGISTRY_KEY = Symbol.for("@parmanasystems/core/defaultPendingOverrideStore/v1");

function sharedStore(): MemoryPendingOverrideStore {
  const registry = globalThis as { [REGISTRY_KEY]?: MemoryPendingOverrideStore };
  registry[REGISTRY_KEY] ??= new MemoryPendingOverrideStore();
  return registry[REGISTRY_KEY];
}

/**
 * The process-wide pending-override store: `executeFromSignals` records pending decisions here
 * when no `pendingOverrideStore` is given, and `approveOverride` / `rejectOverride` look here when
 * no `store` is given, so the documented one-argument `approveOverride(input)` works in the
 * process that decided. It is shared by every copy of `@parmanasystems/core` loaded in the
 * process (ESM and CommonJS alike). In memory and bounded: it holds at most 100,000 pending
 * decisions (`DEFAULT_PENDING_OVERRIDE_MAX_SIZE`) and refuses more with `SYS-027` until some are
 * resolved. Pass your own store to both calls for multi-process deployments or other limits.
 */
export const defaultPendingOverrideStore: MemoryPendingOverrideStore = sharedStore();
