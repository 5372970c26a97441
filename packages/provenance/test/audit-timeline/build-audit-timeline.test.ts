import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ProvenanceError, canonicalize } from "@parmanasystems/core";
import {
  buildAuditTimeline,
  createExecutionReceipt,
  hashAuditEvent,
  hashExecutionReceipt,
  reconcileExecution,
} from "@parmanasystems/provenance";
import type { AuditEvent } from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import {
  ATTESTATION_HASH,
  T0,
  T1,
  T2,
  authorizedExecution,
  receiptInput,
} from "../helpers/execution-fixtures.js";

const receipt = createExecutionReceipt(receiptInput({ minimumTrustLevel: "verified" }));
const reconciliation = reconcileExecution(authorizedExecution(), receipt);

const decision: AuditEvent = {
  eventId: "evt-decision",
  type: "decision_authorized",
  timestamp: T0,
  summary: "personal-loan 1.0.0 approved",
  trustLevel: "verified",
  references: { attestationHash: ATTESTATION_HASH },
};
const warning: AuditEvent = {
  eventId: "evt-warning",
  type: "audit_warning",
  timestamp: T2,
  summary: "late report",
};

describe("buildAuditTimeline", () => {
  it("derives events from the receipt and reconciliation and orders everything by time", () => {
    const timeline = buildAuditTimeline({
      executionReceipt: receipt,
      reconciliation,
      additionalEvents: [warning, decision],
    });
    const receiptHash = hashExecutionReceipt(receipt);
    expect(timeline.events.map((event) => event.type)).toEqual([
      "decision_authorized",
      "execution_reported",
      "execution_reconciled",
      "audit_warning",
    ]);
    expect(timeline.events[1]).toEqual({
      eventId: `receipt:${receiptHash}`,
      type: "execution_reported",
      timestamp: T1,
      summary: "disbursement-service reported disburse_loan for loan-42 with outcome success",
      trustLevel: "verified",
      references: { attestationHash: ATTESTATION_HASH, executionReceiptHash: receiptHash },
    });
    expect(timeline.events[2]).toEqual({
      eventId: `reconciliation:${reconciliation.reconciliationHash}`,
      type: "execution_reconciled",
      timestamp: T1,
      summary: "Reported execution of loan-42 matches the authorized intent",
      references: {
        attestationHash: ATTESTATION_HASH,
        executionReceiptHash: receiptHash,
        reconciliationHash: reconciliation.reconciliationHash,
      },
    });
    expect(timeline.generatedAt).toBe(T2);
    const expectedHash = `sha256:${createHash("sha256")
      .update(canonicalize({ generatedAt: T2, events: timeline.events }))
      .digest("hex")}`;
    expect(timeline.timelineHash).toBe(expectedHash);
  });

  it("is deterministic: input order does not matter and the wall clock is never read", () => {
    const one = buildAuditTimeline({
      additionalEvents: [warning, decision],
      executionReceipt: receipt,
      reconciliation,
    });
    const two = buildAuditTimeline({
      reconciliation,
      executionReceipt: receipt,
      additionalEvents: [decision, warning],
    });
    expect(two).toEqual(one);
    expect(one.generatedAt).toBe(T2);
  });

  it("orders by instant (not string), then eventId", () => {
    const offset: AuditEvent = {
      eventId: "b",
      type: "audit_warning",
      timestamp: "2024-05-01T15:29:00+05:30",
      summary: "09:59Z",
    };
    const utc: AuditEvent = {
      eventId: "a",
      type: "audit_warning",
      timestamp: "2024-05-01T10:00:00Z",
      summary: "10:00Z",
    };
    const sameTime: AuditEvent = {
      eventId: "0",
      type: "audit_warning",
      timestamp: "2024-05-01T10:00:00.000Z",
      summary: "tie",
    };
    const timeline = buildAuditTimeline({ additionalEvents: [utc, sameTime, offset] });
    expect(timeline.events.map((event) => event.eventId)).toEqual(["b", "0", "a"]);
    expect(timeline.generatedAt).toBe("2024-05-01T10:00:00Z");
  });

  it("spells out reconciliation mismatches and reports an embedded receipt once", () => {
    const mismatch = reconcileExecution(
      authorizedExecution({ authorizedAction: "freeze" }),
      receipt,
    );
    const timeline = buildAuditTimeline({ reconciliation: mismatch });
    expect(timeline.events.map((event) => event.type)).toEqual([
      "execution_reported",
      "execution_reconciled",
    ]);
    expect(timeline.events[1]?.summary).toBe(
      "Reported execution of loan-42 differs from the authorized intent: action",
    );
  });

  it("refuses a reconciliation altered after the fact (PROV-011)", () => {
    const altered = {
      ...reconciliation,
      executionReceipt: { ...reconciliation.executionReceipt, outcome: "failure" as const },
    };
    expectParmanaError(
      () => buildAuditTimeline({ reconciliation: altered }),
      "PROV-011",
      ProvenanceError,
      /does not match its content/,
    );
  });

  it("refuses empty timelines, duplicate ids and malformed events", () => {
    expectParmanaError(() => buildAuditTimeline({}), "PROV-014", ProvenanceError);
    expectParmanaError(
      () => buildAuditTimeline({ additionalEvents: [] }),
      "PROV-014",
      ProvenanceError,
    );
    expectParmanaError(
      () => buildAuditTimeline({ additionalEvents: [decision, { ...decision, summary: "other" }] }),
      "PROV-013",
      ProvenanceError,
    );
    expectParmanaError(
      () => buildAuditTimeline({ additionalEvents: [{ ...decision, type: "hacked" as never }] }),
      "PROV-012",
      ProvenanceError,
      /additionalEvents\[0\]/,
    );
    expectParmanaError(
      () => buildAuditTimeline({ additionalEvents: [{ ...decision, timestamp: "soon" }] }),
      "PROV-012",
      ProvenanceError,
    );
    expectParmanaError(
      () =>
        buildAuditTimeline({
          additionalEvents: [{ ...decision, references: { other: "x" } as never }],
        }),
      "PROV-012",
      ProvenanceError,
    );
    expectParmanaError(
      () =>
        buildAuditTimeline({ additionalEvents: [{ ...decision, metadata: { n: Number.NaN } }] }),
      "PROV-012",
      ProvenanceError,
    );
    expectParmanaError(
      () => buildAuditTimeline({ additionalEvents: "events" as never }),
      "PROV-015",
      ProvenanceError,
    );
    expectParmanaError(() => buildAuditTimeline(null as never), "PROV-015", ProvenanceError);
    expectParmanaError(
      () => buildAuditTimeline({ executionReceipt: { ...receipt, outcome: "ok" } as never }),
      "PROV-009",
      ProvenanceError,
    );
  });
});

describe("hashAuditEvent", () => {
  it("hashes the canonical event and changes with every field", () => {
    const base = hashAuditEvent(decision);
    expect(base).toBe(
      `sha256:${createHash("sha256").update(canonicalize(decision)).digest("hex")}`,
    );
    const variants: Partial<AuditEvent>[] = [
      { eventId: "evt-2" },
      { type: "policy_violation" },
      { timestamp: T1 },
      { summary: "denied" },
      { trustLevel: null },
      { references: { attestationHash: "other" } },
      { metadata: { a: 1 } },
    ];
    for (const change of variants)
      expect(hashAuditEvent({ ...decision, ...change })).not.toBe(base);
    expectParmanaError(
      () => hashAuditEvent({ ...decision, eventId: "" }),
      "PROV-012",
      ProvenanceError,
    );
  });
});
