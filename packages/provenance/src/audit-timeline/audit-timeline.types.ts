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
  readonly attestationHash?: string;
  readonly provenanceHash?: string;
  readonly executionReceiptHash?: string;
  readonly reconciliationHash?: string;
}

/** One entry of an audit timeline. */
export interface AuditEvent {
  /** Unique within a timeline; breaks ties between events with the same timestamp. */
  readonly eventId: string;
  readonly type: AuditEventType;
  /** ISO-8601 time of the event. */
  readonly timestamp: string;
  readonly summary: string;
  readonly trustLevel?: ProvenanceTrustLevel | null;
  readonly references?: AuditEventReferences;
  readonly metadata?: Record<string, unknown>;
}

/** A deterministic, reconstructable sequence of audit events. */
export interface AuditTimeline {
  /** `"sha256:<hex>"` of the canonical `{ generatedAt, events }`. */
  readonly timelineHash: string;
  /** Timestamp of the last event (never the wall clock). */
  readonly generatedAt: string;
  /** Ordered by timestamp, then by eventId. */
  readonly events: readonly AuditEvent[];
}

/** Input of `buildAuditTimeline`. */
export interface BuildAuditTimelineInput {
  readonly executionReceipt?: ExecutionReceipt;
  readonly reconciliation?: ExecutionReconciliationResult;
  readonly additionalEvents?: readonly AuditEvent[];
}
