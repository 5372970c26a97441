import { describe, expect, it } from "vitest";
import { readClockInstant } from "../../src/internal/read-clock.js";

describe("readClockInstant", () => {
  it("reads the system clock when no clock is given, under either accepted type", () => {
    const before = Date.now();
    for (const accepts of ["date", "date-or-epoch-ms"] as const) {
      const now = readClockInstant(undefined, accepts);
      expect(now).toBeGreaterThanOrEqual(before);
      expect(now).toBeLessThanOrEqual(Date.now());
    }
  });

  it("answers a Date's epoch milliseconds", () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    expect(readClockInstant(() => at, "date")).toBe(at.getTime());
    expect(readClockInstant(() => at, "date-or-epoch-ms")).toBe(at.getTime());
  });

  it("accepts epoch milliseconds only when asked to", () => {
    expect(readClockInstant(() => 1_700_000_000_000, "date-or-epoch-ms")).toBe(1_700_000_000_000);
    expect(readClockInstant(() => 1_700_000_000_000, "date")).toBeUndefined();
  });

  it("answers undefined for a clock that is not a function, so callers refuse it with their code", () => {
    for (const clock of [null, 0, "now", {}, new Date()]) {
      expect(readClockInstant(clock as unknown as () => unknown, "date")).toBeUndefined();
    }
  });

  it("answers undefined for readings that are not an instant", () => {
    for (const reading of [new Date(Number.NaN), Number.NaN, Infinity, 8.64e15 + 1, "2026", null]) {
      expect(readClockInstant(() => reading, "date-or-epoch-ms")).toBeUndefined();
    }
    expect(readClockInstant(() => -8.64e15, "date-or-epoch-ms")).toBe(-8.64e15);
  });

  it("lets the clock's own error through", () => {
    const broken = (): never => {
      throw new Error("clock broke");
    };
    expect(() => readClockInstant(broken, "date")).toThrow("clock broke");
  });
});
