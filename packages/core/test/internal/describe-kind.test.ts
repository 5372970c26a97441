import { describe, expect, it } from "vitest";
import { runInNewContext } from "node:vm";
import { describeKind } from "../../src/internal/type-checks.js";

describe("describeKind", () => {
  it("names a value's kind, never its content", () => {
    class Account {
      readonly secret = "s3cr3t";
    }
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("trap");
        },
      },
    );
    expect(
      [
        null,
        [1],
        { secret: "s3cr3t" },
        Object.create(null),
        runInNewContext("({})"),
        new Account(),
        new Map(),
        new Date(0),
        hostile,
        "s3cr3t",
        7,
        undefined,
      ].map(describeKind),
    ).toEqual([
      "null",
      "an array",
      "an object",
      "an object",
      "an object",
      "a non-plain object",
      "a Map",
      "a Date",
      "an unreadable object",
      "string",
      "number",
      "undefined",
    ]);
  });
});
