// Every export of @parmanasystems/provenance, called with hostile values (arbitrary data, Proxies
// whose traps throw, throwing getters, 20,000-deep nesting), either returns (a result, a refusal
// report, false) or throws or rejects with a coded ParmanaError: never a raw RangeError or
// TypeError. There is no allow-list: any export that lets a raw error out fails the suite.
import { describe, expect, it } from "vitest";
import * as provenance from "@parmanasystems/provenance";
import {
  callablesOf,
  uncodedWithArbitraryValues,
  uncodedWithHostileValues,
} from "../../../../test-support/hostile-values.js";

// Error classes: constructing one with anything is fine by design.
const SKIP = new Set(Object.keys(provenance).filter((name) => /Error$/.test(name)));

const callables = () => callablesOf(provenance, SKIP);

describe("every provenance export on hostile input", () => {
  const functions = callables();

  it("covers the exports", () => {
    expect(functions.length).toBeGreaterThan(40);
  });

  it("the fixed hostile values, in every argument position: coded error or result", async () => {
    expect(await uncodedWithHostileValues(functions)).toEqual([]);
  }, 120_000);

  it("arbitrary values (fast-check): coded error or result", async () => {
    expect(await uncodedWithArbitraryValues(functions)).toEqual([]);
  }, 120_000);
});
