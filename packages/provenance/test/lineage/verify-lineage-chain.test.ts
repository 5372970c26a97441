import { describe, expect, it } from "vitest";
import {
  createLineageEvent,
  verifyLineageChain,
  type LineageEvent,
} from "@parmanasystems/provenance";
import { L0, L1, L2, altered, chainOf, copy, happyLineage } from "../helpers/lifecycle-fixtures.js";

const FIELDS = [
  "eventId",
  "type",
  "timestamp",
  "payloadHash",
  "previousHash",
  "lineageHash",
  "metadata",
] as const;

describe("verifyLineageChain", () => {
  it("accepts an intact chain", () => {
    expect(verifyLineageChain(happyLineage())).toEqual({ valid: true, errors: [] });
  });

  it("accepts an empty chain (empty lineage is an invariant, not a chain break)", () => {
    expect(verifyLineageChain([])).toEqual({ valid: true, errors: [] });
  });

  it("accepts events that went through JSON (storage round trip)", () => {
    expect(
      verifyLineageChain(JSON.parse(JSON.stringify(happyLineage())) as LineageEvent[]).valid,
    ).toBe(true);
  });

  const lineage = happyLineage();
  const cases = lineage.flatMap((_event, index) => FIELDS.map((field) => [index, field] as const));
  it.each(cases)("detects a change of event %i field %s", (index, field) => {
    const events = copy(lineage);
    const event = events[index] as unknown as Record<string, unknown>;
    event[field] = altered(event[field]);
    const result = verifyLineageChain(events);
    expect(result.valid).toBe(false);
    expect(
      result.errors.some(
        (error) => error.startsWith(`event ${index}:`) || error.startsWith(`event ${index + 1}:`),
      ),
    ).toBe(true);
  });

  it.each(lineage.map((_event, index) => index))(
    "detects removal of metadata from event %i",
    (index) => {
      const events = copy(lineage);
      delete (events[index] as { metadata?: unknown }).metadata;
      const result = verifyLineageChain(events);
      expect(result.valid).toBe(false);
      expect(result.errors).toContain(
        `event ${index}: lineageHash does not match the event's contents (tampered)`,
      );
    },
  );

  it.each(lineage.map((_event, index) => index))(
    "detects an unexpected extra field on event %i",
    (index) => {
      const events = copy(lineage);
      (events[index] as unknown as Record<string, unknown>)["payload"] = { secret: true };
      expect(verifyLineageChain(events).errors).toContain(
        `event ${index}: has unexpected field(s) payload`,
      );
    },
  );

  it("detects a field recomputed consistently (hash and eventId re-derived) through the link of the next event", () => {
    const events = copy(lineage);
    const forged = createLineageEvent({
      type: "execution_reported",
      payload: { outcome: "failure" },
      previousHash: events[2]!.lineageHash,
      timestamp: "2024-05-01T10:03:00.000Z",
      metadata: events[3]!.metadata!,
    });
    events[3] = forged;
    const result = verifyLineageChain(events);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      "event 4: previousHash does not link to event 3 (events dropped, inserted or reordered)",
    ]);
  });

  it.each(lineage.slice(0, -1).map((_event, index) => index))(
    "detects dropping event %i",
    (index) => {
      const events = lineage.filter((_event, position) => position !== index);
      const result = verifyLineageChain(events);
      expect(result.valid).toBe(false);
      if (index === 0)
        expect(result.errors).toContain(
          "event 0: the first event must be a genesis event (previousHash null)",
        );
      else
        expect(result.errors).toContain(
          `event ${index}: previousHash does not link to event ${index - 1} (events dropped, inserted or reordered)`,
        );
    },
  );

  it("cannot detect dropping the last event (tail truncation); sign checkpoints to pin the length", () => {
    // Documented limit of a hash chain on its own: a truncated chain is still a valid chain.
    expect(verifyLineageChain(lineage.slice(0, -1)).valid).toBe(true);
  });

  it.each([
    [0, 1],
    [1, 2],
    [2, 4],
    [0, 4],
  ])("detects swapping events %i and %i", (a, b) => {
    const events = [...lineage];
    [events[a], events[b]] = [events[b]!, events[a]!];
    expect(verifyLineageChain(events).valid).toBe(false);
  });

  it.each([0, 1, 3, 5])("detects inserting a foreign event at position %i", (position) => {
    const foreign = createLineageEvent({
      type: "execution_reported",
      payload: { injected: true },
      previousHash: lineage[Math.max(0, position - 1)]!.lineageHash,
      timestamp: L2,
    });
    const events = [...lineage];
    events.splice(position, 0, foreign);
    expect(verifyLineageChain(events).valid).toBe(false);
  });

  it("detects a duplicated event", () => {
    const events = [...lineage, lineage[4]!];
    const result = verifyLineageChain(events);
    expect(result.valid).toBe(false);
    expect(result.errors).toContain("event 5: duplicate of an earlier event");
  });

  it("refuses a second genesis inside the chain", () => {
    const events = [
      ...lineage,
      createLineageEvent({
        type: "x",
        payload: 1,
        previousHash: null,
        timestamp: "2024-05-01T11:00:00.000Z",
      }),
    ];
    expect(verifyLineageChain(events).errors).toContain(
      "event 5: a second genesis event (previousHash null) inside the chain",
    );
  });

  it("refuses time going backwards even when every hash links", () => {
    const events = chainOf([
      { type: "a", payload: 1, timestamp: L1 },
      { type: "b", payload: 2, timestamp: L0 },
    ]);
    expect(verifyLineageChain(events)).toEqual({
      valid: false,
      errors: ["event 1: timestamp is earlier than event 0's"],
    });
  });

  it("allows equal timestamps", () => {
    expect(
      verifyLineageChain(
        chainOf([
          { type: "a", payload: 1, timestamp: L1 },
          { type: "b", payload: 2, timestamp: L1 },
        ]),
      ).valid,
    ).toBe(true);
  });

  it("reports malformed entries without throwing", () => {
    const result = verifyLineageChain([lineage[0]!, null as never, 7 as never]);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      "event 1: is null, not a lineage event object",
      "event 2: is number, not a lineage event object",
    ]);
    expect(verifyLineageChain("chain" as never)).toEqual({
      valid: false,
      errors: ["lineage must be an array of events, got string"],
    });
  });
});
