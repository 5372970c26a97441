import { afterEach, describe, expect, it, vi } from "vitest";
import { ProvenanceError, canonicalHash } from "@parmanasystems/core";
import { createLineageEvent } from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { ATTESTATION, EXECUTION_ID, L0, L1, sha256 } from "../helpers/lifecycle-fixtures.js";

describe("createLineageEvent", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("hashes the payload and the event exactly as documented (hand-written RFC 8785 text)", () => {
    const event = createLineageEvent({
      type: "decision_authorized",
      payload: { b: 2, a: "x" },
      previousHash: null,
      timestamp: L0,
    });
    // payloadHash: sha256 of the JCS form of the payload.
    const payloadHash = `sha256:${sha256('{"a":"x","b":2}')}`;
    expect(event.payloadHash).toBe(payloadHash);
    // lineageHash: sha256 of JCS({ domain: "PARMANA_LINEAGE_V1", payload: { type, timestamp, payloadHash, previousHash } }).
    const body = `{"domain":"PARMANA_LINEAGE_V1","payload":{"payloadHash":"${payloadHash}","previousHash":null,"timestamp":"${L0}","type":"decision_authorized"}}`;
    expect(event.lineageHash).toBe(`sha256:${sha256(body)}`);
    expect(event.eventId).toBe(event.lineageHash);
    expect(event).toEqual({
      eventId: event.lineageHash,
      type: "decision_authorized",
      timestamp: L0,
      payloadHash,
      previousHash: null,
      lineageHash: event.lineageHash,
    });
    expect(Object.hasOwn(event, "metadata")).toBe(false);
  });

  it("covers metadata with the lineage hash", () => {
    const event = createLineageEvent({
      type: "t",
      payload: null,
      previousHash: null,
      timestamp: L0,
      metadata: { executionId: EXECUTION_ID },
    });
    const payloadHash = `sha256:${sha256("null")}`;
    const body = `{"domain":"PARMANA_LINEAGE_V1","payload":{"metadata":{"executionId":"${EXECUTION_ID}"},"payloadHash":"${payloadHash}","previousHash":null,"timestamp":"${L0}","type":"t"}}`;
    expect(event.lineageHash).toBe(`sha256:${sha256(body)}`);
  });

  it("is deterministic: same input and timestamp, same event; key order does not matter", () => {
    const first = createLineageEvent({
      type: "x",
      payload: { a: 1, b: [1, 2] },
      previousHash: null,
      timestamp: L0,
      metadata: { executionId: "e", attestationHash: ATTESTATION },
    });
    const second = createLineageEvent({
      metadata: { attestationHash: ATTESTATION, executionId: "e" },
      timestamp: L0,
      previousHash: null,
      payload: { b: [1, 2], a: 1 },
      type: "x",
    });
    expect(second).toEqual(first);
    const later = createLineageEvent({
      type: "x",
      payload: { a: 1, b: [1, 2] },
      previousHash: null,
      timestamp: L1,
      metadata: { executionId: "e", attestationHash: ATTESTATION },
    });
    expect(later.lineageHash).not.toBe(first.lineageHash);
  });

  it("links to the previous event and changes with it", () => {
    const genesis = createLineageEvent({
      type: "a",
      payload: 1,
      previousHash: null,
      timestamp: L0,
    });
    const next = createLineageEvent({
      type: "b",
      payload: 2,
      previousHash: genesis.lineageHash,
      timestamp: L1,
    });
    expect(next.previousHash).toBe(genesis.lineageHash);
    const other = createLineageEvent({
      type: "b",
      payload: 2,
      previousHash: `sha256:${"f".repeat(64)}`,
      timestamp: L1,
    });
    expect(other.lineageHash).not.toBe(next.lineageHash);
  });

  it("payloadHash equals core's canonicalHash of the payload (so receipts line up with hashExecutionReceipt)", () => {
    const payload = { executionId: "loan-42", amount: 1.5, nested: { z: true, a: [null, "s"] } };
    expect(
      createLineageEvent({ type: "execution_reported", payload, previousHash: null, timestamp: L0 })
        .payloadHash,
    ).toBe(canonicalHash(payload));
  });

  it("copies metadata: later edits of the caller's object cannot alter the event", () => {
    const metadata: Record<string, unknown> = { executionId: "e", note: { text: "a" } };
    const event = createLineageEvent({
      type: "x",
      payload: 1,
      previousHash: null,
      timestamp: L0,
      metadata,
    });
    (metadata["note"] as { text: string }).text = "changed";
    metadata["executionId"] = "other";
    expect(event.metadata).toEqual({ executionId: "e", note: { text: "a" } });
  });

  it("keeps __proto__ metadata keys as data", () => {
    const metadata = JSON.parse('{"__proto__":{"polluted":true},"executionId":"e"}') as Record<
      string,
      unknown
    >;
    const event = createLineageEvent({
      type: "x",
      payload: 1,
      previousHash: null,
      timestamp: L0,
      metadata,
    });
    expect(Object.hasOwn(event.metadata as object, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("defaults the timestamp to the current time", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2030-01-02T03:04:05.678Z"));
    expect(createLineageEvent({ type: "x", payload: 1, previousHash: null }).timestamp).toBe(
      "2030-01-02T03:04:05.678Z",
    );
  });

  it("accepts UTC timestamps without or with up to nine fractional digits", () => {
    for (const timestamp of [
      "2024-05-01T10:00:00Z",
      "2024-05-01T10:00:00.1Z",
      "2024-05-01T10:00:00.123456789Z",
    ]) {
      expect(
        createLineageEvent({ type: "x", payload: 1, previousHash: null, timestamp }).timestamp,
      ).toBe(timestamp);
    }
  });

  const base = { type: "x", payload: { a: 1 }, previousHash: null, timestamp: L0 };
  it.each([
    ["not an object", "event", /input must be a plain object/],
    [
      "unknown field",
      { ...base, payloadHash: "sha256:00" },
      /unknown input field\(s\) payloadHash/,
    ],
    ["empty type", { ...base, type: " " }, /type must be a non-empty string/],
    ["numeric type", { ...base, type: 7 }, /type must be a non-empty string/],
    ["missing payload", { type: "x", previousHash: null, timestamp: L0 }, /payload is required/],
    ["undefined payload", { ...base, payload: undefined }, /payload is required/],
    [
      "payload with a Date",
      { ...base, payload: { at: new Date(0) } },
      /payload is not plain JSON: \[CANONICAL-003\]/,
    ],
    [
      "payload with NaN",
      { ...base, payload: Number.NaN },
      /payload is not plain JSON: \[CANONICAL-001\]/,
    ],
    ["missing previousHash", { type: "x", payload: 1, timestamp: L0 }, /previousHash must be null/],
    [
      "bare hex previousHash",
      { ...base, previousHash: "ab".repeat(32) },
      /previousHash must be null/,
    ],
    [
      "uppercase previousHash",
      { ...base, previousHash: `sha256:${"AB".repeat(32)}` },
      /previousHash must be null/,
    ],
    [
      "timestamp with offset",
      { ...base, timestamp: "2024-05-01T10:00:00+05:30" },
      /timestamp must be an ISO-8601 UTC/,
    ],
    [
      "date-only timestamp",
      { ...base, timestamp: "2024-05-01" },
      /timestamp must be an ISO-8601 UTC/,
    ],
    [
      "impossible date",
      { ...base, timestamp: "2024-02-30T00:00:00Z" },
      /timestamp must be an ISO-8601 UTC/,
    ],
    [
      "leap second",
      { ...base, timestamp: "2016-12-31T23:59:60Z" },
      /timestamp must be an ISO-8601 UTC/,
    ],
    ["Date timestamp", { ...base, timestamp: new Date(0) }, /timestamp must be an ISO-8601 UTC/],
    ["array metadata", { ...base, metadata: [1] }, /metadata must be a plain object/],
    [
      "metadata with bigint",
      { ...base, metadata: { n: 1n } },
      /metadata is not plain JSON: \[CANONICAL-002\]/,
    ],
    [
      "empty executionId",
      { ...base, metadata: { executionId: "" } },
      /metadata.executionId must be a non-empty string/,
    ],
    [
      "numeric attestationHash",
      { ...base, metadata: { attestationHash: 5 } },
      /metadata.attestationHash must be a non-empty string/,
    ],
  ])("refuses %s with PROV-020", (_name, input, message) => {
    expectParmanaError(
      () => createLineageEvent(input as never),
      "PROV-020",
      ProvenanceError,
      message,
    );
  });
});
