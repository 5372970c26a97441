import type { ProvenanceTrustLevel } from "@parmanasystems/core";
import type { ExecutionReconciliationResult } from "../reconciliation/reconciliation.types.js";
import type { ExecutionReceipt } from "../receipts/execution-receipt.types.js";

/** Kinds of audit event. */
export type AuditEventType =
  | "signal_ingested"
  | "provenance_verified"
  | "decision_authorized"
  | "execution_requested"
  | "execution_reported"
  | "execution_reconciled"
  | "policy_violation"
  | "audit_warning";

/** Hashes an audit event points to. */
export interface AuditEventReferences {
  attestationHash?: string;
  provenanceHash?: string;
  executionReceiptHash?: string;
  reconciliationHash?: string;
}

/** One entry of an audit timeline. */
export interface AuditEvent {
  /** Unique within a timeline; breaks ties between events with the same timestamp. */
  eventId: string;
  type: AuditEventType;
  /** ISO-8601 time of the event. */
  timestamp: string;
  summary: string;
  trustLevel?: ProvenanceTrustLevel | null;
  references?: AuditEventReferences;
  metadata?: Record<string, unknown>;
}

/** A deterministic, reconstructable sequence of audit events. */
export interface AuditTimeline {
  /** `"sha256:<hex>"` of the canonical `{ generatedAt, events }`. */
  timelineHash: string;
  /** Timestamp of the last event (never the wall clock). */
  generatedAt: string;
  /** Ordered by timestamp, then by eventId. */
  events: AuditEvent[];
}

/** Input of `buildAuditTimeline`. */
export interface BuildAuditTimelineInput {
  executionReceipt?: ExecutionReceipt;
  reconciliation?: ExecutionReconciliationResult;
  additionalEvents?: AuditEvent[];
}
