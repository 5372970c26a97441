import { RecordReader } from "../internal/record-reader.js";
import { isStringKeyedRecord } from "../internal/plain-record.js";
import type { AuditEvent, AuditEventReferences, AuditEventType } from "./audit-timeline.types.js";

/** Every audit event type, in the order of the product documentation. */
export const AUDIT_EVENT_TYPES: readonly AuditEventType[] = [
  "signal_ingested",
  "provenance_verified",
  "decision_authorized",
  "execution_requested",
  "execution_reported",
  "execution_reconciled",
  "policy_violation",
  "audit_warning",
];

const REFERENCE_KEYS = [
  "attestationHash",
  "provenanceHash",
  "executionReceiptHash",
  "reconciliationHash",
] as const;

/**
 * Checks an untrusted value is a well-formed {@link AuditEvent} and returns a normalised copy
 * (documented members only, optional members omitted when absent).
 *
 * @param value - the candidate event
 * @param label - names it in messages
 * @returns the normalised event
 * @throws ProvenanceError `PROV-012` naming the first malformed member
 */
export function readAuditEvent(value: unknown, label: string): AuditEvent {
  const reader = new RecordReader("PROV-012", label, value);
  const eventId = reader.string("eventId");
  const type = reader.oneOf("type", AUDIT_EVENT_TYPES);
  const timestamp = reader.timestamp("timestamp");
  const summary = reader.read("summary");
  if (typeof summary !== "string") throw reader.fail("summary must be a string");
  const trustLevel = reader.optionalTrustLevel("trustLevel");
  const references = readReferences(reader);
  const metadata = reader.optionalJsonObject("metadata");
  return {
    eventId,
    type,
    timestamp,
    summary,
    ...(trustLevel === undefined ? {} : { trustLevel }),
    ...(references === undefined ? {} : { references }),
    ...(metadata === undefined ? {} : { metadata }),
  };
}

function readReferences(reader: RecordReader): AuditEventReferences | undefined {
  const value = reader.read("references");
  if (value === undefined) return undefined;
  if (!isStringKeyedRecord(value)) throw reader.fail("references must be a plain object");
  // Filled here, then returned as the readonly AuditEventReferences.
  const references: { -readonly [K in keyof AuditEventReferences]: AuditEventReferences[K] } = {};
  for (const key of Object.keys(value)) {
    if (!(REFERENCE_KEYS as readonly string[]).includes(key))
      throw reader.fail(`references.${key} is not a known reference`);
    const member = value[key];
    if (member === undefined) continue;
    if (typeof member !== "string" || member.length === 0)
      throw reader.fail(`references.${key} must be a non-empty string`);
    references[key as (typeof REFERENCE_KEYS)[number]] = member;
  }
  return references;
}
