export { buildAuditTimeline } from "./build-audit-timeline.js";
export { hashAuditEvent } from "./hash-audit-event.js";
export { AUDIT_EVENT_TYPES } from "./read-audit-event.js";
export type {
  AuditEvent,
  AuditEventType,
  AuditEventReferences,
  AuditTimeline,
  BuildAuditTimelineInput,
} from "./audit-timeline.types.js";
