import { describe, expect, it } from "vitest";
import { describeValue, describeValueRedacted } from "../../src/internal/type-checks.js";

const hostile = new Proxy(
  {},
  {
    get() {
      throw new Error("trap");
    },
    getPrototypeOf() {
      throw new Error("trap");
    },
  },
);

describe("describeValue", () => {
  it("quotes a string, and cuts one longer than 40 characters", () => {
    expect(describeValue("abc")).toBe('string "abc"');
    expect(describeValue("x".repeat(50))).toBe(`string "${"x".repeat(40)}"… (50 characters)`);
  });
});

describe("describeValueRedacted", () => {
  it("never shows a string's content or length", () => {
    const url = "redis://user:hunter2@cache.internal:6379";
    expect(describeValueRedacted(url)).toBe("string (content not shown)");
    expect(describeValueRedacted("x")).toBe("string (content not shown)");
    expect(describeValueRedacted("")).toBe("empty string");
  });

  it("reads every other value as describeValue does", () => {
    class Client {}
    const values: unknown[] = [
      null,
      undefined,
      -0,
      Number.NaN,
      42,
      true,
      10n,
      Symbol("s"),
      () => 1,
      [1],
      { url: "redis://user:hunter2@host" },
      new Client(),
      new Map(),
      hostile,
    ];
    expect(values.map(describeValueRedacted)).toEqual([
      "null",
      "undefined",
      "number -0",
      "number NaN",
      "number 42",
      "boolean true",
      "bigint",
      "symbol",
      "function",
      "array",
      "object",
      "Object instance",
      "Map instance",
      "unreadable object",
    ]);
    expect(values.map(describeValueRedacted)).toEqual(values.map(describeValue));
  });
});
