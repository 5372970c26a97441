import { describe, expect, it } from "vitest";
import { createLineageEvent, verifyPersistedLineage } from "@parmanasystems/provenance";
import { L0, L1, L2, altered, chainOf, copy, happyLineage } from "../helpers/lifecycle-fixtures.js";

const OK = { ordered: true, appendOnly: true, tamperFree: true };

describe("verifyPersistedLineage", () => {
  it("accepts an intact, ordered chain and an empty one", () => {
    expect(verifyPersistedLineage(happyLineage())).toEqual({
      valid: true,
      errors: [],
      continuity: OK,
    });
    expect(verifyPersistedLineage([])).toEqual({ valid: true, errors: [], continuity: OK });
  });

  it("an edited row breaks tamperFree only", () => {
    const events = copy(happyLineage());
    (events[2] as unknown as Record<string, unknown>)["type"] = "execution_reported";
    const result = verifyPersistedLineage(events);
    expect(result.continuity).toEqual({ ordered: true, appendOnly: true, tamperFree: false });
    expect(result.errors).toEqual([
      "event 2: lineageHash does not match the event's contents (tampered)",
    ]);
  });

  it.each(["eventId", "timestamp", "payloadHash", "metadata"] as const)(
    "an edited %s breaks tamperFree",
    (field) => {
      const events = copy(happyLineage());
      const event = events[1] as unknown as Record<string, unknown>;
      event[field] = altered(event[field]);
      const result = verifyPersistedLineage(events);
      expect(result.valid).toBe(false);
      expect(result.continuity.tamperFree).toBe(false);
    },
  );

  it("rows returned out of order break ordered only", () => {
    const events = happyLineage();
    const shuffled = [events[0]!, events[2]!, events[1]!, events[3]!, events[4]!];
    const result = verifyPersistedLineage(shuffled);
    expect(result.continuity).toEqual({ ordered: false, appendOnly: true, tamperFree: true });
    expect(result.errors).toEqual([
      "event 1: does not follow event 0 in the chain",
      "event 2: does not follow event 1 in the chain",
      "event 2: timestamp is earlier than event 1's",
      "event 3: does not follow event 2 in the chain",
    ]);
  });

  it("a deleted row breaks appendOnly (a gap) and ordered", () => {
    const events = happyLineage();
    const result = verifyPersistedLineage([events[0]!, events[1]!, events[3]!, events[4]!]);
    expect(result.continuity).toEqual({ ordered: false, appendOnly: false, tamperFree: true });
    expect(result.errors).toContain("event 2: its predecessor is missing (an event was removed)");
  });

  it("a deleted genesis breaks appendOnly", () => {
    const result = verifyPersistedLineage(happyLineage().slice(1));
    expect(result.continuity.appendOnly).toBe(false);
    expect(result.errors).toContain("expected exactly one genesis event, found 0");
  });

  it("an alternative history appended beside the original (a fork) breaks appendOnly", () => {
    const events = happyLineage();
    const fork = createLineageEvent({
      type: "execution_reported",
      payload: { outcome: "failure" },
      previousHash: events[2]!.lineageHash,
      timestamp: "2024-05-01T10:10:00.000Z",
      metadata: events[3]!.metadata!,
    });
    const result = verifyPersistedLineage([...events, fork]);
    expect(result.continuity).toEqual({ ordered: false, appendOnly: false, tamperFree: true });
    expect(result.errors).toContain("event 5: forks from the same predecessor as event 3");
  });

  it("a row stored twice breaks appendOnly", () => {
    const events = happyLineage();
    const result = verifyPersistedLineage([...events, events[4]!]);
    expect(result.continuity.appendOnly).toBe(false);
    expect(result.errors).toContain("event 5: the same lineageHash is stored twice");
  });

  it("a second chain (another genesis) breaks appendOnly", () => {
    const other = chainOf([{ type: "x", payload: 1, timestamp: L2 }]);
    const result = verifyPersistedLineage([...happyLineage(), ...other]);
    expect(result.continuity.appendOnly).toBe(false);
    expect(result.errors).toContain("expected exactly one genesis event, found 2");
  });

  it("time going backwards breaks ordered", () => {
    const result = verifyPersistedLineage(
      chainOf([
        { type: "a", payload: 1, timestamp: L1 },
        { type: "b", payload: 2, timestamp: L0 },
      ]),
    );
    expect(result.continuity).toEqual({ ordered: false, appendOnly: true, tamperFree: true });
  });

  it("never throws", () => {
    for (const value of [null, "rows", [null], [1n], [{}]]) {
      const result = verifyPersistedLineage(value as never);
      expect(result.valid).toBe(false);
    }
    expect(verifyPersistedLineage(null as never).continuity).toEqual({
      ordered: false,
      appendOnly: false,
      tamperFree: false,
    });
  });
});
