// Every export of @parmanasystems/provenance, called with hostile values (arbitrary data, Proxies
// whose traps throw, throwing getters, 20,000-deep nesting), either returns (a result, a refusal
// report, false) or throws or rejects with a coded ParmanaError: never a raw RangeError or
// TypeError. There is no allow-list: any export that lets a raw error out fails the suite.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParmanaError } from "@parmanasystems/core";
import * as provenance from "@parmanasystems/provenance";

const deepArray = (): unknown => JSON.parse(`${"[".repeat(20_000)}${"]".repeat(20_000)}`);
const deepObject = (): unknown => JSON.parse(`${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`);
const throwingProxy = (): unknown =>
  new Proxy(
    {},
    {
      get() {
        throw new TypeError("trap get");
      },
      has() {
        throw new TypeError("trap has");
      },
      ownKeys() {
        throw new TypeError("trap ownKeys");
      },
      getOwnPropertyDescriptor() {
        throw new TypeError("trap getOwnPropertyDescriptor");
      },
      getPrototypeOf() {
        throw new TypeError("trap getPrototypeOf");
      },
    },
  );
const throwingGetter = (): unknown =>
  Object.defineProperty({ executionId: "e" }, "signals", {
    enumerable: true,
    get() {
      throw new RangeError("getter");
    },
  });

/** Values every export must survive. */
const HOSTILE: readonly (() => unknown)[] = [
  () => undefined,
  () => null,
  () => 0,
  () => "",
  () => "x".repeat(10),
  () => ({}),
  () => [],
  () => Symbol("s"),
  () => 10n,
  () => () => undefined,
  deepArray,
  deepObject,
  throwingProxy,
  throwingGetter,
  () => ({ signals: deepObject(), executionId: "e" }),
  () => ({ metadata: deepObject() }),
];

// Error classes: constructing one with anything is fine by design.
const SKIP = new Set(Object.keys(provenance).filter((name) => /Error$/.test(name)));

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    const value = run();
    if (typeof (value as { then?: unknown } | null)?.then === "function") await value;
    return undefined;
  } catch (error) {
    return error;
  }
}

function callables(): [string, (...args: unknown[]) => unknown][] {
  const list: [string, (...args: unknown[]) => unknown][] = [];
  for (const [name, value] of Object.entries(provenance)) {
    if (SKIP.has(name) || typeof value !== "function") continue;
    const isClass = /^class\b/.test(Function.prototype.toString.call(value));
    list.push([
      name,
      isClass
        ? (...args: unknown[]) => new (value as new (...a: unknown[]) => unknown)(...args)
        : (value as (...args: unknown[]) => unknown),
    ]);
  }
  return list;
}

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
