import { describe, expect, it } from "vitest";
import { StoreError } from "@parmanasystems/core";
import { clockOption, nowMs } from "../../src/internal/options.js";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

describe("clockOption and nowMs", () => {
  it("read a clock that returns a Date or epoch milliseconds as that instant", () => {
    const at = Date.UTC(2026, 2, 1, 9, 30);
    expect(
      nowMs(
        clockOption(() => new Date(at), "DynamoReplayStore"),
        "DynamoReplayStore",
      ),
    ).toBe(at);
    expect(
      nowMs(
        clockOption(() => at, "DynamoReplayStore"),
        "DynamoReplayStore",
      ),
    ).toBe(at);
  });

  it("STORE-001 for a clock that is not a function or reads no valid instant", () => {
    expectParmanaError(
      () => clockOption("now", "DynamoReplayStore"),
      "STORE-001",
      StoreError,
      /DynamoReplayStore option clock must be a function/,
    );
    for (const reading of [new Date(Number.NaN), Number.NaN, Infinity, "2026-03-01T00:00:00Z"]) {
      expectParmanaError(
        () => nowMs((() => reading) as never, "DynamoReplayStore"),
        "STORE-001",
        StoreError,
        /DynamoReplayStore clock must return a valid Date or epoch milliseconds/,
      );
    }
  });
});
