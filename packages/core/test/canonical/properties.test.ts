// Properties of RFC 8785 canonical JSON that must hold for every JSON value, checked with
// fast-check on fc.jsonValue() and on custom trees whose keys stress the sort order (numeric-like
// keys, astral characters, `__proto__`) and whose members are inserted in random orders.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanonicalizationError, ParmanaError, canonicalize } from "@parmanasystems/core";

/** Keys that stress ordering and prototype handling, plus arbitrary well-formed strings. */
const keyArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 6 }),
  fc.constantFrom(
    "",
    "__proto__",
    "constructor",
    "1",
    "10",
    "01",
    "a",
    "A",
    "é",
    "\u{1F600}",
    "\uFB33",
    "\u0080",
    "\n",
  ),
);

const leafArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ unit: "binary", maxLength: 12 }),
);

/** JSON trees built with Object.fromEntries, so `__proto__` becomes an own data member. */
const treeArbitrary: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafArbitrary,
    fc.array(tie("node"), { maxLength: 5 }),
    fc
      .uniqueArray(fc.tuple(keyArbitrary, tie("node")), { selector: ([key]) => key, maxLength: 6 })
      .map((entries) => Object.fromEntries(entries)),
  ),
})).node;

const anyJson: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue(), treeArbitrary);

/** Deep copy whose objects get their members inserted in an order chosen by `seed`. */
function reinsert(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, index) => reinsert(item, seed + index + 1));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  // Deterministic Fisher–Yates driven by a small LCG, so a failure replays from the fast-check seed.
  let state = seed >>> 0;
  for (let index = entries.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const other = state % (index + 1);
    [entries[index], entries[other]] = [
      entries[other] as [string, unknown],
      entries[index] as [string, unknown],
    ];
  }
  return Object.fromEntries(
    entries.map(([key, item], index) => [key, reinsert(item, seed * 31 + index)]),
  );
}

/** True when `text` has a space, tab, CR or LF outside string literals. */
function hasWhitespaceOutsideStrings(text: string): boolean {
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === " " || char === "\t" || char === "\n" || char === "\r") {
      return true;
    }
  }
  return false;
}

describe("canonicalize properties", () => {
  it("member insertion order never changes the output", () => {
    fc.assert(
      fc.property(anyJson, fc.nat(), (value, seed) => {
        expect(canonicalize(reinsert(value, seed))).toBe(canonicalize(value));
      }),
      { numRuns: 300 },
    );
  });

  it("is a fixed point: canonicalize(JSON.parse(canonicalize(x))) === canonicalize(x)", () => {
    fc.assert(
      fc.property(anyJson, (value) => {
        const canonical = canonicalize(value);
        expect(canonicalize(JSON.parse(canonical))).toBe(canonical);
      }),
      { numRuns: 300 },
    );
  });

  it("always parses with JSON.parse, to the same data JSON.stringify describes", () => {
    fc.assert(
      fc.property(anyJson, (value) => {
        const parsed: unknown = JSON.parse(canonicalize(value));
        expect(parsed).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it("has no whitespace outside strings", () => {
    fc.assert(
      fc.property(anyJson, (value) => {
        expect(hasWhitespaceOutsideStrings(canonicalize(value))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("emits object members sorted by UTF-16 code units", () => {
    fc.assert(
      fc.property(fc.uniqueArray(keyArbitrary, { maxLength: 12 }), (keys) => {
        const value = Object.fromEntries(keys.map((key) => [key, 0]));
        const names = Object.keys(JSON.parse(canonicalize(value)) as object);
        // JSON.parse re-orders integer-like names, so compare the sequence as written instead.
        const written = [...canonicalize(value).matchAll(/"((?:[^"\\]|\\.)*)":0/g)].map(
          (match) => JSON.parse(`"${match[1]}"`) as string,
        );
        expect(written).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect(new Set(names)).toEqual(new Set(keys));
      }),
      { numRuns: 200 },
    );
  });

  it("sorts each object's own names, one object after another with the same or other names", () => {
    // The order of the last object's names is remembered; consecutive objects with the same names
    // in another order, or with one name changed, must each get their own order.
    const bySorted = (value: Record<string, number>): string =>
      `{${Object.keys(value)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((key) => `${JSON.stringify(key)}:${String(value[key])}`)
        .join(",")}}`;
    const names = fc.uniqueArray(keyArbitrary, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(names, fc.nat()), { minLength: 1, maxLength: 8 }), (steps) => {
        for (const [keys, seed] of steps) {
          const value = Object.fromEntries(keys.map((key, index) => [key, index]));
          for (const variant of [value, reinsert(value, seed), { ...value }]) {
            expect(canonicalize(variant)).toBe(bySorted(variant as Record<string, number>));
          }
        }
      }),
      { numRuns: 300 },
    );
    // A getter that canonicalizes an object with other names meanwhile leaves the order alone.
    const outer: Record<string, unknown> = { b: 1, a: 2, c: 3 };
    Object.defineProperty(outer, "a", {
      enumerable: true,
      get: () => canonicalize({ z: 1, y: 2, x: 3, w: 4 }) && 2,
    });
    expect(canonicalize(outer)).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalize(outer)).toBe('{"a":2,"b":1,"c":3}');
  });

  it("writes strings and numbers exactly as ECMAScript JSON.stringify does", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        ),
        (leaf) => {
          expect(canonicalize(leaf)).toBe(JSON.stringify(leaf));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("rejects a non-JSON value wherever it is nested, always with a CanonicalizationError", () => {
    const hostile = fc.constantFrom<() => unknown>(
      () => NaN,
      () => 1n,
      () => new Date(0),
      () => undefined,
      () => () => 0,
      () => Symbol("s"),
      () => new Map(),
      () => new Uint8Array(1),
      () => "\uD800",
    );
    const wrappers = fc.array(fc.oneof(fc.constant<"array">("array"), keyArbitrary), {
      maxLength: 4,
    });
    fc.assert(
      fc.property(treeArbitrary, hostile, wrappers, (base, make, path) => {
        let value: unknown = make();
        for (const step of path)
          value =
            step === "array"
              ? [base, value]
              : Object.fromEntries([
                  ["\u0000base", base],
                  [step, value],
                ]);
        let caught: unknown;
        try {
          canonicalize(value);
        } catch (error) {
          caught = error;
        }
        expect(ParmanaError.isInstance(caught)).toBe(true);
        expect(caught).toBeInstanceOf(CanonicalizationError);
        expect((caught as ParmanaError).code).toMatch(/^CANONICAL-00[1-8]$/);
      }),
      { numRuns: 300 },
    );
  });
});
