export {
  MemoryPendingOverrideStore,
  DEFAULT_PENDING_OVERRIDE_MAX_SIZE,
} from "./memory-pending-override-store.js";
export type { MemoryPendingOverrideStoreOptions } from "./memory-pending-override-store.js";
export { defaultPendingOverrideStore } from "./default-pending-override-store.js";
export { approveOverride } from "./approve-override.js";
export { rejectOverride } from "./reject-override.js";
export { verifyOverride } from "./verify-override.js";
export { overrideSigningInput } from "./override-signing-input.js";
export type {
  ApproveOverrideInput,
  OverrideDecision,
  OverrideOptions,
  OverrideRecord,
  OverrideRecordPayload,
  OverrideVerificationChecks,
  OverrideVerificationResult,
  RejectOverrideInput,
} from "./override-record.types.js";
export type {
  PendingOverride,
  PendingOverrideReference,
  PendingOverrideStore,
} from "./pending-override.types.js";
