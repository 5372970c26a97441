import { afterEach, describe, expect, it, vi } from "vitest";
import { canonicalize } from "@parmanasystems/core";
import {
  LINEAGE_EVENT_TYPES,
  createLineageEvent,
  replayLineage,
  type LineageEvent,
} from "@parmanasystems/provenance";
import {
  ATTESTATION,
  EXECUTION_ID,
  L0,
  L1,
  L4,
  chainOf,
  copy,
  happyLineage,
  sha256,
} from "../helpers/lifecycle-fixtures.js";

describe("replayLineage", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reconstructs the happy path, filing payload hashes by event type", () => {
    const events = happyLineage();
    const replay = replayLineage(events);
    expect(replay.valid).toBe(true);
    expect(replay.errors).toEqual([]);
    expect(replay.state).toEqual({
      executionId: EXECUTION_ID,
      attestationHash: ATTESTATION,
      lineageHashes: events.map((event) => event.lineageHash),
      provenanceHashes: [events[0]!.payloadHash],
      executionReceiptHashes: [events[3]!.payloadHash],
      reconciliationHashes: [events[4]!.payloadHash],
      verificationBundleHashes: [],
      timelineHashes: [],
      eventCount: 5,
      reconstructedAt: L4,
    });
  });

  it("computes replayHash as documented: JCS({ domain: lineage, payload: { replay: { valid, state } } })", () => {
    const replay = replayLineage(happyLineage());
    const expected = `sha256:${sha256(canonicalize({ domain: "PARMANA_LINEAGE_V1", payload: { replay: { valid: true, state: replay.state } } }))}`;
    expect(replay.replayHash).toBe(expected);
  });

  it("maps every recognised type to its list, and ignores unknown types", () => {
    const types = [
      LINEAGE_EVENT_TYPES.signalIngested,
      LINEAGE_EVENT_TYPES.provenanceRecorded,
      LINEAGE_EVENT_TYPES.provenanceVerified,
      LINEAGE_EVENT_TYPES.decisionAuthorized,
      LINEAGE_EVENT_TYPES.authorityIssued,
      LINEAGE_EVENT_TYPES.authorityConsumed,
      LINEAGE_EVENT_TYPES.executionRequested,
      LINEAGE_EVENT_TYPES.executionReported,
      LINEAGE_EVENT_TYPES.executionReconciled,
      LINEAGE_EVENT_TYPES.verificationBundleCreated,
      LINEAGE_EVENT_TYPES.auditTimelineRecorded,
      "custom_event",
    ];
    const events = chainOf(
      types.map((type, index) => ({ type, payload: { index }, timestamp: L0 })),
    );
    const hashOf = (type: string): string => events[types.indexOf(type)]!.payloadHash;
    const { state, valid } = replayLineage(events);
    expect(valid).toBe(true);
    expect(state.provenanceHashes).toEqual([
      hashOf("provenance_recorded"),
      hashOf("provenance_verified"),
    ]);
    expect(state.executionReceiptHashes).toEqual([hashOf("execution_reported")]);
    expect(state.reconciliationHashes).toEqual([hashOf("execution_reconciled")]);
    expect(state.verificationBundleHashes).toEqual([hashOf("verification_bundle_created")]);
    expect(state.timelineHashes).toEqual([hashOf("audit_timeline_recorded")]);
    expect(state.lineageHashes).toHaveLength(types.length);
    expect(state.eventCount).toBe(types.length);
    expect(state.executionId).toBeUndefined();
    expect(state.attestationHash).toBeUndefined();
  });

  it("keeps lineageHashes in chain order, never sorted", () => {
    const events = happyLineage();
    const hashes = events.map((event) => event.lineageHash);
    expect(replayLineage(events).state.lineageHashes).toEqual(hashes);
    expect([...hashes].sort()).not.toEqual(hashes); // the fixture would expose a sort
  });

  it("is deterministic and never reads the wall clock", () => {
    const events = happyLineage();
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2001-01-01T00:00:00.000Z"));
    const first = replayLineage(events);
    vi.setSystemTime(new Date("2099-12-31T23:59:59.999Z"));
    const second = replayLineage(copy(events));
    expect(second).toEqual(first);
    expect(second.state.reconstructedAt).toBe(L4);
  });

  it("gives different replay hashes for different lineages", () => {
    const a = replayLineage(happyLineage());
    const b = replayLineage(happyLineage().slice(0, 4));
    expect(a.replayHash).not.toBe(b.replayHash);
  });

  it("marks a broken chain invalid, with the chain's errors", () => {
    const events = copy(happyLineage());
    events[2]!.type = "execution_reported";
    const replay = replayLineage(events);
    expect(replay.valid).toBe(false);
    expect(replay.errors).toEqual([
      "event 2: lineageHash does not match the event's contents (tampered)",
    ]);
    // The hash of an invalid replay differs from the hash of a valid one with the same state.
    expect(replay.replayHash).not.toBe(replayLineage(happyLineage()).replayHash);
  });

  it("refuses a lineage that mixes executions or attestations", () => {
    const events = chainOf([
      {
        type: "decision_authorized",
        payload: 1,
        timestamp: L0,
        metadata: { executionId: "a", attestationHash: ATTESTATION },
      },
      { type: "execution_reported", payload: 2, timestamp: L1, metadata: { executionId: "b" } },
      {
        type: "execution_reconciled",
        payload: 3,
        timestamp: L1,
        metadata: { attestationHash: `sha256:${"0".repeat(64)}` },
      },
    ]);
    const replay = replayLineage(events);
    expect(replay.valid).toBe(false);
    expect(replay.errors).toEqual([
      "event 1: metadata.executionId differs from earlier events (lineage mixes executions)",
      "event 2: metadata.attestationHash differs from earlier events (lineage mixes executions)",
    ]);
    expect(replay.state.executionId).toBe("a");
  });

  it('replays an empty lineage as an empty, valid state with reconstructedAt ""', () => {
    const replay = replayLineage([]);
    expect(replay.valid).toBe(true);
    expect(replay.state.eventCount).toBe(0);
    expect(replay.state.reconstructedAt).toBe("");
  });

  it("never throws on hostile input", () => {
    const lone = createLineageEvent({ type: "x", payload: 1, previousHash: null, timestamp: L0 });
    const hostile = [
      { ...lone, metadata: { executionId: "\ud800" } },
      { ...lone, lineageHash: "\ud800" },
    ];
    for (const events of [null, "x", [null], [1n], hostile, [{ type: "\ud800" }]]) {
      const replay = replayLineage(events as unknown as LineageEvent[]);
      expect(replay.valid).toBe(false);
      expect(replay.replayHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });
});
