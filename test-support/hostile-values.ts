// Hostile values and the export walk shared by the packages' every-export tests: arbitrary
// data, Proxies whose traps throw, throwing getters and 20,000-deep nesting.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParmanaError } from "@parmanasystems/core";

/** A 20,000-deep array (deeper than any stack-bound recursion survives). */
export const deepArray = (): unknown => JSON.parse(`${"[".repeat(20_000)}${"]".repeat(20_000)}`);

/** A 20,000-deep object. */
export const deepObject = (): unknown =>
  JSON.parse(`${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`);

/** A Proxy whose every read trap throws. */
export const throwingProxy = (): unknown =>
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

/** An execution-input-like record whose `signals` getter throws. */
export const throwingGetter = (): unknown =>
  Object.defineProperty({ policyId: "p", executionId: "e" }, "signals", {
    enumerable: true,
    get() {
      throw new RangeError("getter");
    },
  });

/** Values every export must survive, each built fresh per call. */
export const HOSTILE: readonly (() => unknown)[] = [
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
  () => ({ signals: deepObject(), policyId: "p", policyVersion: "1.0.0", executionId: "e" }),
  () => ({ metadata: deepObject() }),
];

/** What a call threw or rejected with, or undefined when it returned. */
export async function outcome(run: () => unknown): Promise<unknown> {
  try {
    const value = run();
    if (typeof (value as { then?: unknown } | null)?.then === "function") await value;
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Every function and class a module exports, but `skip`, as a plain callable (classes newed). */
export function callablesOf(
  exports: Record<string, unknown>,
  skip: ReadonlySet<string>,
): NamedCallable[] {
  const list: NamedCallable[] = [];
  for (const [name, value] of Object.entries(exports)) {
    if (skip.has(name) || typeof value !== "function") continue;
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

/** A named callable, as {@link callablesOf} lists them. */
export type NamedCallable = [string, (...args: unknown[]) => unknown];

/**
 * Calls every function with each {@link HOSTILE} value in argument positions 0 to 3 (the
 * positions before it hold `{}`), a fresh value per function. Returns one line per call that
 * threw or rejected with anything but a ParmanaError: empty when every export kept its contract.
 */
async function uncodedWithHostileValues(functions: readonly NamedCallable[]): Promise<string[]> {
  const raw: string[] = [];
  for (const [name, fn] of functions) {
    for (const make of HOSTILE) {
      // One value for the four positions: building the 20,000-deep ones is most of the cost.
      const value = make();
      for (const position of [0, 1, 2, 3]) {
        const args: unknown[] = [{}, {}, {}, {}].slice(0, position + 1);
        args[position] = value;
        const error = await outcome(() => fn(...args));
        if (error !== undefined && !ParmanaError.isInstance(error))
          raw.push(
            `${name}(arg ${position} = ${make.name || make.toString().slice(0, 40)}): ${String(error)}`,
          );
      }
    }
  }
  return raw;
}

/**
 * Calls the functions with up to four arbitrary values each (fast-check, 3,000 runs, fixed seed
 * so a failure reproduces). Returns one line per function and error that was not a ParmanaError.
 */
async function uncodedWithArbitraryValues(functions: readonly NamedCallable[]): Promise<string[]> {
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
  return [...raw];
}

/**
 * The every-export suite: `functions` (at least `atLeast` of them, so a broken export walk cannot
 * pass empty) called with the {@link HOSTILE} values and with arbitrary values must each return or
 * throw a ParmanaError.
 */
export function describeEveryExportOnHostileInput(
  packageName: string,
  functions: readonly NamedCallable[],
  atLeast: number,
): void {
  describe(`every ${packageName} export on hostile input`, () => {
    it("covers the exports", () => {
      expect(functions.length).toBeGreaterThan(atLeast);
    });

    it("the fixed hostile values, in every argument position: coded error or result", async () => {
      expect(await uncodedWithHostileValues(functions)).toEqual([]);
    }, 120_000);

    it("arbitrary values (fast-check): coded error or result", async () => {
      expect(await uncodedWithArbitraryValues(functions)).toEqual([]);
    }, 120_000);
  });
}
