import { canonicalHash } from "@parmanasystems/core";
import type { AuditEvent } from "./audit-timeline.types.js";
import { readAuditEvent } from "./read-audit-event.js";

/**
 * Hashes one audit event: `"sha256:"` + SHA-256 of the RFC 8785 canonical JSON of its documented
 * members (including `eventId`; members absent or `undefined` are left out).
 *
 * @param event - an audit event
 * @returns `"sha256:<64 hex>"`
 * @throws ProvenanceError `PROV-012` when the event is malformed
 * @example
 * ```ts
 * hashAuditEvent({ eventId: "evt-1", type: "decision_authorized",
 *   timestamp: "2024-05-01T10:00:00.000Z", summary: "Loan approved" }); // "sha256:..."
 * ```
 */
export function hashAuditEvent(event: AuditEvent): string {
  return canonicalHash(readAuditEvent(event, "hashAuditEvent: event"));
}
