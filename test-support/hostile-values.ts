// Hostile values and the export walk shared by the packages' every-export tests: arbitrary
// data, Proxies whose traps throw, throwing getters and 20,000-deep nesting.

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
): [string, (...args: unknown[]) => unknown][] {
  const list: [string, (...args: unknown[]) => unknown][] = [];
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
