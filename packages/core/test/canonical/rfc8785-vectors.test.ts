// RFC 8785 conformance: the cyberphone/json-canonicalization test data (the RFC author's
// reference repository). Expected values are upstream's files, never our own output.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalize } from "@parmanasystems/core";

const jcsDir = new URL("../vectors/jcs/", import.meta.url);
const names = readdirSync(new URL("input/", jcsDir))
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.slice(0, -".json".length))
  .sort();

describe("RFC 8785 input/output pairs (cyberphone testdata)", () => {
  it("has the six upstream pairs", () => {
    expect(names).toEqual(["arrays", "french", "structures", "unicode", "values", "weird"]);
  });

  it.each(names)("%s: canonical output equals output/%s.json byte for byte", (name) => {
    const input = readFileSync(new URL(`input/${name}.json`, jcsDir), "utf8");
    const expected = readFileSync(new URL(`output/${name}.json`, jcsDir));
    const actual = Buffer.from(canonicalize(JSON.parse(input)), "utf8");
    expect(
      actual.equals(expected),
      `${actual.toString("utf8")}\n!==\n${expected.toString("utf8")}`,
    ).toBe(true);
  });

  it.each(names)("%s: canonical output equals the bytes listed in outhex/%s.txt", (name) => {
    const input = readFileSync(new URL(`input/${name}.json`, jcsDir), "utf8");
    const hex = readFileSync(new URL(`outhex/${name}.txt`, jcsDir), "utf8")
      .trim()
      .split(/\s+/);
    const expected = Buffer.from(hex.join(""), "hex");
    expect(expected.length).toBe(hex.length);
    expect(Buffer.from(canonicalize(JSON.parse(input)), "utf8").toString("hex")).toBe(
      expected.toString("hex"),
    );
  });
});

describe("RFC 8785 §3.2.2.3 number serialisation (es6testfile10k.txt)", () => {
  const lines = readFileSync(new URL("es6testfile10k.txt", jcsDir), "utf8")
    .split("\n")
    .filter((line) => line !== "");
  const bits = new BigUint64Array(1);
  const double = new Float64Array(bits.buffer);

  function doubleFromHex(hex: string): number {
    bits[0] = BigInt(`0x${hex}`);
    return double[0] as number;
  }

  it("holds 10,000 lines", () => {
    expect(lines).toHaveLength(10_000);
  });

  it("serialises every double exactly as the expected ECMAScript string", () => {
    const mismatches: string[] = [];
    for (const line of lines) {
      const comma = line.indexOf(",");
      const hex = line.slice(0, comma);
      const expected = line.slice(comma + 1);
      const actual = canonicalize(doubleFromHex(hex));
      if (actual !== expected) mismatches.push(`${hex}: expected ${expected}, got ${actual}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("includes the edge cases the RFC calls out (-0, subnormals, 1e21 boundary)", () => {
    const byHex = new Map(lines.map((line) => line.split(",") as [string, string]));
    expect(byHex.get("8000000000000000")).toBe("0");
    expect(byHex.get("1")).toBe("5e-324");
    expect(canonicalize(doubleFromHex("8000000000000000"))).toBe("0");
    expect(canonicalize(doubleFromHex("7fefffffffffffff"))).toBe("1.7976931348623157e+308");
  });
});
