import { ProvenanceError, canonicalHash } from "@parmanasystems/core";
import { RecordReader } from "../internal/record-reader.js";
import { reconciliationHashInput } from "../reconciliation/hash-reconciliation-result.js";
import { readExecutionReceipt } from "../receipts/assert-execution-receipt.js";
import type { ExecutionReceipt } from "../receipts/execution-receipt.types.js";
import type { ExecutionReconciliationResult } from "../reconciliation/reconciliation.types.js";
import type { AuditEvent, AuditTimeline, BuildAuditTimelineInput } from "./audit-timeline.types.js";
import { readAuditEvent } from "./read-audit-event.js";

/**
 * Builds a deterministic, reconstructable audit timeline.
 *
 * Events derived from the records:
 * - a receipt gives an `execution_reported` event with `eventId` `"receipt:<receipt hash>"`,
 *   `timestamp` = `executedAt`, the receipt's `minimumTrustLevel` as `trustLevel` when present,
 *   and references to the attestation and receipt hashes;
 * - a reconciliation gives an `execution_reconciled` event with `eventId`
 *   `"reconciliation:<reconciliationHash>"`, `timestamp` = its receipt's `executedAt` (a
 *   reconciliation carries no time of its own), and references to the attestation, receipt and
 *   reconciliation hashes; a mismatch is spelled out in the summary.
 * A receipt embedded in the reconciliation is not reported twice when it equals `executionReceipt`.
 *
 * Events are ordered by the instant of `timestamp`, then by `eventId` (UTF-16 code-unit order),
 * so insertion order never matters; with equal times, `"receipt:"` sorts before
 * `"reconciliation:"`. `generatedAt` is the last event's timestamp, never the wall clock, and
 * `timelineHash` is the canonical hash of `{ generatedAt, events }`. Events are normalised copies.
 *
 * @param input - receipt, reconciliation and additional events (at least one event in all)
 * @returns the timeline
 * @throws ProvenanceError `PROV-012` for a malformed additional event; `PROV-013` for duplicate
 *   eventIds; `PROV-011` when a reconciliation's `reconciliationHash` does not match its content;
 *   `PROV-014` when there is no event at all; `PROV-009`/`PROV-010`/`PROV-011` for a
 *   malformed receipt or reconciliation; `PROV-015` when the input is not a plain object
 * @example
 * ```ts
 * const timeline = buildAuditTimeline({ executionReceipt: receipt, reconciliation });
 * timeline.events.map((event) => event.type); // ["execution_reported", "execution_reconciled"]
 * ```
 */
export function buildAuditTimeline(input: BuildAuditTimelineInput): AuditTimeline {
  const reader = new RecordReader("PROV-015", "buildAuditTimeline: input", input);
  const events: AuditEvent[] = [];
  const receiptValue = reader.read("executionReceipt");
  let receiptHash: string | undefined;
  if (receiptValue !== undefined) {
    const receipt = readExecutionReceipt(receiptValue, "buildAuditTimeline: executionReceipt");
    receiptHash = canonicalHash(receipt);
    events.push(receiptEvent(receipt, receiptHash));
  }
  const reconciliationValue = reader.read("reconciliation");
  if (reconciliationValue !== undefined) {
    const body = reconciliationHashInput(reconciliationValue, "buildAuditTimeline: reconciliation");
    const reconciliationHash = canonicalHash(body);
    // A result whose recorded hash disagrees with its content was altered after reconciliation.
    if (
      (reconciliationValue as Record<string, unknown>)["reconciliationHash"] !== reconciliationHash
    ) {
      throw new ProvenanceError(
        "PROV-011",
        "buildAuditTimeline: reconciliation.reconciliationHash does not match its content",
      );
    }
    const embeddedReceiptHash = canonicalHash(body.executionReceipt);
    if (receiptHash === undefined || receiptHash !== embeddedReceiptHash) {
      events.push(receiptEvent(body.executionReceipt, embeddedReceiptHash));
    }
    events.push(reconciliationEvent({ ...body, reconciliationHash }, embeddedReceiptHash));
  }
  const additional = reader.read("additionalEvents");
  if (additional !== undefined) {
    if (!Array.isArray(additional)) throw reader.fail("additionalEvents must be an array");
    additional.forEach((event, index) =>
      events.push(readAuditEvent(event, `buildAuditTimeline: additionalEvents[${index}]`)),
    );
  }
  if (events.length === 0) {
    throw new ProvenanceError(
      "PROV-014",
      "buildAuditTimeline: no receipt, reconciliation or event to put on the timeline",
    );
  }
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.eventId)) {
      throw new ProvenanceError(
        "PROV-013",
        `buildAuditTimeline: duplicate eventId ${JSON.stringify(event.eventId)}`,
        {
          details: { eventId: event.eventId },
        },
      );
    }
    seen.add(event.eventId);
  }
  events.sort(compareEvents);
  const generatedAt = (events[events.length - 1] as AuditEvent).timestamp;
  return { timelineHash: canonicalHash({ generatedAt, events }), generatedAt, events };
}

/**
 * Timeline order: instant of the timestamp, then eventId by UTF-16 code units.
 *
 * @param a - an event
 * @param b - an event
 * @returns negative, zero or positive
 */
export function compareEvents(a: AuditEvent, b: AuditEvent): number {
  const byTime = Date.parse(a.timestamp) - Date.parse(b.timestamp);
  if (byTime !== 0) return byTime;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

function receiptEvent(receipt: ExecutionReceipt, receiptHash: string): AuditEvent {
  return {
    eventId: `receipt:${receiptHash}`,
    type: "execution_reported",
    timestamp: receipt.executedAt,
    summary: `${receipt.executorIdentity} reported ${receipt.executedAction} for ${receipt.executionId} with outcome ${receipt.outcome}`,
    ...(receipt.minimumTrustLevel === undefined ? {} : { trustLevel: receipt.minimumTrustLevel }),
    references: { attestationHash: receipt.attestationHash, executionReceiptHash: receiptHash },
  };
}

function reconciliationEvent(
  result: ExecutionReconciliationResult,
  receiptHash: string,
): AuditEvent {
  const summary = result.match
    ? `Reported execution of ${result.executionReceipt.executionId} matches the authorized intent`
    : `Reported execution of ${result.executionReceipt.executionId} differs from the authorized intent: ${result.mismatches.join(", ")}`;
  return {
    eventId: `reconciliation:${result.reconciliationHash}`,
    type: "execution_reconciled",
    timestamp: result.executionReceipt.executedAt,
    summary,
    references: {
      attestationHash: result.authorizedExecution.attestationHash,
      executionReceiptHash: receiptHash,
      reconciliationHash: result.reconciliationHash,
    },
  };
}
