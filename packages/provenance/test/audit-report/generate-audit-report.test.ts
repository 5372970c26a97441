import { afterEach, describe, expect, it, vi } from "vitest";
import { ProvenanceError } from "@parmanasystems/core";
import { generateAuditReport, replayLineage } from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import {
  ATTESTATION,
  EXECUTION_ID,
  L0,
  L1,
  L2,
  L3,
  L4,
  chainOf,
  copy,
  happyLineage,
} from "../helpers/lifecycle-fixtures.js";

describe("generateAuditReport", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("narrates the happy path, dated by the replay (never the wall clock)", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2077-07-07T07:07:07.000Z"));
    const lineage = happyLineage();
    const replay = replayLineage(lineage);
    const report = generateAuditReport({ lineage, replay });
    expect(report).toEqual({
      executionId: EXECUTION_ID,
      attestationHash: ATTESTATION,
      replayHash: replay.replayHash,
      generatedAt: L4,
      eventCount: 5,
      timeline: [
        {
          timestamp: L0,
          type: "provenance_recorded",
          summary: `Signal provenance was recorded (payload ${lineage[0]!.payloadHash}).`,
        },
        {
          timestamp: L1,
          type: "decision_authorized",
          summary: `The decision was authorized (payload ${lineage[1]!.payloadHash}).`,
        },
        {
          timestamp: L2,
          type: "authority_issued",
          summary: `An execution authority was issued (payload ${lineage[2]!.payloadHash}).`,
        },
        {
          timestamp: L3,
          type: "execution_reported",
          summary: `Execution was reported (payload ${lineage[3]!.payloadHash}).`,
        },
        {
          timestamp: L4,
          type: "execution_reconciled",
          summary: `Execution was reconciled against the authorization (payload ${lineage[4]!.payloadHash}).`,
        },
      ],
      summary: {
        authorizationOccurred: true,
        executionOccurred: true,
        reconciliationOccurred: true,
        provenancePresent: true,
      },
    });
  });

  it("summarises what did not happen, and names unknown event types", () => {
    const lineage = chainOf([
      { type: "signal_ingested", payload: 1, timestamp: L0 },
      { type: "toString", payload: 2, timestamp: L1 },
    ]);
    const report = generateAuditReport({ lineage, replay: replayLineage(lineage) });
    expect(report.summary).toEqual({
      authorizationOccurred: false,
      executionOccurred: false,
      reconciliationOccurred: false,
      provenancePresent: false,
    });
    expect(report.timeline[1]!.summary).toBe(
      `Event "toString" was recorded (payload ${lineage[1]!.payloadHash}).`,
    );
    expect(Object.hasOwn(report, "executionId")).toBe(false);
  });

  it("is deterministic", () => {
    const lineage = happyLineage();
    expect(generateAuditReport({ lineage, replay: replayLineage(lineage) })).toEqual(
      generateAuditReport({ lineage: copy(lineage), replay: replayLineage(lineage) }),
    );
  });

  it("refuses to narrate what does not verify (PROV-029)", () => {
    const lineage = happyLineage();
    const broken = copy(lineage);
    broken[0]!.timestamp = L1;
    const cases: [unknown, RegExp][] = [
      [null, /input must be a plain object/],
      [{ lineage: [], replay: replayLineage([]) }, /lineage must be a non-empty array/],
      [{ lineage: "x", replay: replayLineage([]) }, /lineage must be a non-empty array/],
      [{ lineage: broken, replay: replayLineage(broken) }, /the lineage does not verify/],
      [
        { lineage, replay: replayLineage(lineage.slice(0, 2)) },
        /replay is not replayLineage\(lineage\)/,
      ],
      [{ lineage }, /replay is not replayLineage/],
    ];
    for (const [input, message] of cases)
      expectParmanaError(
        () => generateAuditReport(input as never),
        "PROV-029",
        ProvenanceError,
        message,
      );
  });
});
