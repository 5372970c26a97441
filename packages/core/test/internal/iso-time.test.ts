import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isIsoDateTime } from "../../src/internal/iso-date-time.js";
import { parseInstant, toInstant } from "../../src/internal/iso-time.js";

describe("parseInstant", () => {
  it.each([
    ["2026-01-31T10:00:00Z", Date.UTC(2026, 0, 31, 10)],
    ["2026-01-31T10:00:00.123Z", Date.UTC(2026, 0, 31, 10, 0, 0, 123)],
    ["2026-01-31T10:00:00.123456789Z", Date.UTC(2026, 0, 31, 10, 0, 0, 123)],
    ["2026-01-31T15:30:00+05:30", Date.UTC(2026, 0, 31, 10)],
    ["2026-01-31T00:00:00-23:59", Date.UTC(2026, 0, 31, 23, 59)],
    ["2026-12-31T23:59:59Z", Date.UTC(2026, 11, 31, 23, 59, 59)],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
    ["2000-02-29T00:00:00Z", Date.UTC(2000, 1, 29)],
    ["2026-04-30T00:00:00Z", Date.UTC(2026, 3, 30)],
    // Year 0 of RFC 3339's proleptic Gregorian calendar is a leap year.
    ["0000-02-29T00:00:00Z", Date.parse("0000-02-29T00:00:00Z")],
  ])("reads %s", (text, expected) => {
    expect(Number.isNaN(expected)).toBe(false);
    expect(parseInstant(text)).toBe(expected);
    expect(isIsoDateTime(text)).toBe(true);
  });

  it.each([
    // Dates and times Date.parse would roll over or accept.
    "2026-02-30T10:00:00Z",
    "2023-02-29T10:00:00Z",
    "1900-02-29T10:00:00Z",
    "2026-04-31T10:00:00Z",
    "2026-13-01T10:00:00Z",
    "2026-00-10T10:00:00Z",
    "2026-01-00T10:00:00Z",
    "2026-01-31T24:00:00Z",
    "2026-01-31T10:60:00Z",
    "2026-01-31T10:00:60Z",
    "2026-01-31T10:00:00+24:00",
    "2026-01-31T10:00:00+05:60",
    // Not RFC 3339 with an offset.
    "2026-01-31T10:00:00",
    "2026-01-31",
    "2026-01-31 10:00:00Z",
    "2026-01-31T10:00:00z",
    "2026-01-31T10:00:00.Z",
    "2026-01-31T10:00:00.1234567890Z",
    "+02026-01-31T10:00:00Z",
    "2026-01-31T10:00:00+0530",
    "",
  ])("refuses %j", (text) => {
    expect(parseInstant(text)).toBeUndefined();
    expect(isIsoDateTime(text)).toBe(false);
  });

  it("refuses what is not a string", () => {
    for (const value of [
      undefined,
      null,
      0,
      1767225600000,
      new Date(0),
      {},
      ["2026-01-31T10:00:00Z"],
    ]) {
      expect(parseInstant(value)).toBeUndefined();
    }
  });

  it("reads every instant Date#toISOString writes as that instant", () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        expect(parseInstant(new Date(ms).toISOString())).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with a calendar on every day of every month, leap years included", () => {
    for (const year of [1900, 1999, 2000, 2023, 2024, 2100, 2400]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const text = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T12:00:00Z`;
          const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
          expect(parseInstant(text) !== undefined, text).toBe(real);
        }
      }
    }
  });
});

describe("toInstant", () => {
  it("reads a Date or an instant's text, and nothing else", () => {
    expect(toInstant(new Date(1767225600000))).toBe(1767225600000);
    expect(toInstant(new Date(Number.NaN))).toBeUndefined();
    expect(toInstant("2026-01-01T00:00:00Z")).toBe(1767225600000);
    expect(toInstant(1767225600000)).toBeUndefined();
  });
});
