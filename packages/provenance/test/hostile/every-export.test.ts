// Every export of @parmanasystems/provenance, called with hostile values (arbitrary data, Proxies
// whose traps throw, throwing getters, 20,000-deep nesting), either returns (a result, a refusal
// report, false) or throws or rejects with a coded ParmanaError: never a raw RangeError or
// TypeError. There is no allow-list: any export that lets a raw error out fails the suite.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParmanaError } from "@parmanasystems/core";
import * as provenance from "@parmanasystems/provenance";
import { callablesOf, HOSTILE, outcome } from "../../../../test-support/hostile-values.js";

// Error classes: constructing one with anything is fine by design.
const SKIP = new Set(Object.keys(provenance).filter((name) => /Error$/.test(name)));

const callables = () => callablesOf(provenance, SKIP);

describe("every provenance export on hostile input", () => {
  const functions = callables();

  it("covers the exports", () => {
    expect(functions.length).toBeGreaterThan(40);
  });

  it("the fixed hostile values, in every argument position: coded error or result", async () => {
    const raw: string[] = [];
    for (const [name, fn] of functions) {
      for (const make of HOSTILE) {
        for (const position of [0, 1, 2, 3]) {
          const args: unknown[] = [{}, {}, {}, {}].slice(0, position + 1);
          args[position] = make();
          const error = await outcome(() => fn(...args));
          if (error !== undefined && !ParmanaError.isInstance(error))
            raw.push(
              `${name}(arg ${position} = ${make.name || make.toString().slice(0, 40)}): ${String(error)}`,
            );
        }
      }
    }
    expect(raw).toEqual([]);
  }, 120_000);

  it("arbitrary values (fast-check): coded error or result", async () => {
    const raw = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...functions),
        fc.array(fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true }), {
          maxLength: 4,
        }),
        async ([name, fn], args) => {
          const error = await outcome(() => fn(...args));
          if (error !== undefined && !ParmanaError.isInstance(error))
            raw.add(`${name}: ${String(error)}`);
          return true;
        },
      ),
      { numRuns: 3000, seed: 8 },
    );
    expect([...raw]).toEqual([]);
  }, 120_000);
});
