// Everything that is not plain JSON data must be refused with a CanonicalizationError and the
// DESIGN §3 code, never converted silently (sigstore's lenient json.ts is the counter-example:
// it writes undefined as a bare token, NaN as null, a Map as {} and a Date through toJSON).
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { CanonicalizationError, ParmanaError, canonicalize } from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

interface HostileCase {
  readonly label: string;
  readonly make: () => unknown;
  readonly code: string;
  readonly message: RegExp;
  /** JSON-path of the offending value, as reported in `details.path`. */
  readonly path: string;
}

class Point {
  x = 1;
  y = 2;
}

class Tagged extends Array<number> {}

class WithToJSON {
  value = 1;
  toJSON(): number {
    return this.value;
  }
}

function cyclicObject(): unknown {
  const node: Record<string, unknown> = { name: "root" };
  node["self"] = node;
  return node;
}

function cyclicArray(): unknown {
  const list: unknown[] = [1];
  list.push(list);
  return list;
}

function indirectCycle(): unknown {
  const root: Record<string, unknown> = { child: { list: [] as unknown[] } };
  ((root["child"] as Record<string, unknown>)["list"] as unknown[]).push(root);
  return root;
}

const NON_FINITE = /is not a finite number/;
const NON_PLAIN = /is not a plain object/;

const HOSTILE: readonly HostileCase[] = [
  {
    label: "NaN",
    make: () => NaN,
    code: "CANONICAL-001",
    message: /NaN is not a finite number at \$$/,
    path: "$",
  },
  {
    label: "Infinity",
    make: () => Infinity,
    code: "CANONICAL-001",
    message: /Infinity is not a finite number/,
    path: "$",
  },
  {
    label: "-Infinity nested in object and array",
    make: () => ({ a: [1, { b: -Infinity }] }),
    code: "CANONICAL-001",
    message: /-Infinity is not a finite number at \$\.a\[1\]\.b$/,
    path: "$.a[1].b",
  },
  {
    label: "NaN as array element",
    make: () => [0, NaN],
    code: "CANONICAL-001",
    message: NON_FINITE,
    path: "$[1]",
  },
  {
    label: "bigint",
    make: () => 10n,
    code: "CANONICAL-002",
    message: /BigInt is not representable/,
    path: "$",
  },
  {
    label: "bigint member",
    make: () => ({ amount: 2n ** 64n }),
    code: "CANONICAL-002",
    message: /BigInt/,
    path: "$.amount",
  },
  {
    label: "Date",
    make: () => new Date(0),
    code: "CANONICAL-003",
    message: /Date is not plain JSON/,
    path: "$",
  },
  {
    label: "Date member",
    make: () => ({ at: new Date(0) }),
    code: "CANONICAL-003",
    message: /Date/,
    path: "$.at",
  },
  {
    label: "Date from another realm",
    make: () => vm.runInNewContext("new Date(0)"),
    code: "CANONICAL-003",
    message: /Date/,
    path: "$",
  },
  {
    label: "cycle through an object",
    make: cyclicObject,
    code: "CANONICAL-004",
    message: /cyclic structure/,
    path: "$.self",
  },
  {
    label: "cycle through an array",
    make: cyclicArray,
    code: "CANONICAL-004",
    message: /cyclic structure/,
    path: "$[1]",
  },
  {
    label: "indirect cycle",
    make: indirectCycle,
    code: "CANONICAL-004",
    message: /cyclic structure/,
    path: "$.child.list[0]",
  },
  {
    label: "undefined at top level",
    make: () => undefined,
    code: "CANONICAL-005",
    message: /undefined is not representable/,
    path: "$",
  },
  {
    label: "undefined as member",
    make: () => ({ a: 1, b: undefined }),
    code: "CANONICAL-005",
    message: /undefined/,
    path: "$.b",
  },
  {
    label: "undefined as element",
    make: () => [1, undefined],
    code: "CANONICAL-005",
    message: /undefined/,
    path: "$[1]",
  },
  {
    label: "function",
    make: () => () => 1,
    code: "CANONICAL-006",
    message: /a function is not representable/,
    path: "$",
  },
  {
    label: "method member",
    make: () => ({ run(): void {} }),
    code: "CANONICAL-006",
    message: /function/,
    path: "$.run",
  },
  {
    label: "object with a toJSON function (never called)",
    make: () => ({ toJSON: () => "replaced" }),
    code: "CANONICAL-006",
    message: /function/,
    path: "$.toJSON",
  },
  {
    label: "symbol",
    make: () => Symbol("s"),
    code: "CANONICAL-006",
    message: /a symbol is not representable/,
    path: "$",
  },
  {
    label: "symbol-keyed property",
    make: () => ({ a: 1, [Symbol("hidden")]: 2 }),
    code: "CANONICAL-006",
    message: /symbol-keyed properties/,
    path: "$",
  },
  {
    label: "arguments object (own Symbol.iterator)",
    make: () =>
      (function (..._: unknown[]) {
        // The `arguments` object itself is the hostile input under test.
        // eslint-disable-next-line prefer-rest-params
        return arguments;
      })(1, 2),
    code: "CANONICAL-006",
    message: /symbol-keyed/,
    path: "$",
  },
  {
    label: "Map",
    make: () => new Map([["a", 1]]),
    code: "CANONICAL-007",
    message: /Map is not a plain object/,
    path: "$",
  },
  {
    label: "Set",
    make: () => new Set([1]),
    code: "CANONICAL-007",
    message: /Set is not a plain object/,
    path: "$",
  },
  {
    label: "WeakMap",
    make: () => new WeakMap(),
    code: "CANONICAL-007",
    message: /WeakMap/,
    path: "$",
  },
  {
    label: "Uint8Array",
    make: () => new Uint8Array([1, 2]),
    code: "CANONICAL-007",
    message: /Uint8Array/,
    path: "$",
  },
  {
    label: "Float64Array member",
    make: () => ({ v: new Float64Array(2) }),
    code: "CANONICAL-007",
    message: /Float64Array/,
    path: "$.v",
  },
  {
    label: "fake typed array (Uint8Array prototype)",
    make: () => Object.setPrototypeOf({ 0: 1, length: 1 }, Uint8Array.prototype),
    code: "CANONICAL-007",
    message: NON_PLAIN,
    path: "$",
  },
  {
    label: "ArrayBuffer",
    make: () => new ArrayBuffer(8),
    code: "CANONICAL-007",
    message: /ArrayBuffer/,
    path: "$",
  },
  {
    label: "DataView",
    make: () => new DataView(new ArrayBuffer(4)),
    code: "CANONICAL-007",
    message: /DataView/,
    path: "$",
  },
  {
    label: "Buffer",
    make: () => Buffer.from("ab"),
    code: "CANONICAL-007",
    message: /Buffer/,
    path: "$",
  },
  {
    label: "boxed number",
    make: () => new Number(1),
    code: "CANONICAL-007",
    message: /Number is not a plain object/,
    path: "$",
  },
  {
    label: "boxed string",
    make: () => new String("x"),
    code: "CANONICAL-007",
    message: /String is not a plain object/,
    path: "$",
  },
  {
    label: "boxed boolean",
    make: () => new Boolean(false),
    code: "CANONICAL-007",
    message: /Boolean is not a plain object/,
    path: "$",
  },
  {
    label: "boxed symbol",
    make: () => Object(Symbol("s")),
    code: "CANONICAL-007",
    message: NON_PLAIN,
    path: "$",
  },
  {
    label: "class instance",
    make: () => new Point(),
    code: "CANONICAL-007",
    message: /Object \(Point\) is not a plain object/,
    path: "$",
  },
  {
    label: "class instance with toJSON (never called)",
    make: () => ({ nested: new WithToJSON() }),
    code: "CANONICAL-007",
    message: /WithToJSON/,
    path: "$.nested",
  },
  {
    label: "object with a non-null, non-Object prototype",
    make: () => Object.create({ inherited: true }),
    code: "CANONICAL-007",
    message: NON_PLAIN,
    path: "$",
  },
  {
    label: "Array subclass",
    make: () => Tagged.from([1, 2]),
    code: "CANONICAL-007",
    message: /array subclasses/,
    path: "$",
  },
  {
    label: "sparse array",
    // A hole, on purpose: canonical JSON refuses sparse arrays.
    // eslint-disable-next-line no-sparse-arrays
    make: () => [1, , 3],
    code: "CANONICAL-007",
    message: /sparse array/,
    path: "$[1]",
  },
  {
    label: "new Array(2) (holes only)",
    make: () => ({ list: new Array(2) }),
    code: "CANONICAL-007",
    message: /sparse array/,
    path: "$.list[0]",
  },
  { label: "RegExp", make: () => /x/g, code: "CANONICAL-007", message: /RegExp/, path: "$" },
  {
    label: "Error",
    make: () => new Error("boom"),
    code: "CANONICAL-007",
    message: /Error/,
    path: "$",
  },
  {
    label: "Promise",
    make: () => Promise.resolve(1),
    code: "CANONICAL-007",
    message: /Promise/,
    path: "$",
  },
  {
    label: "Map from another realm",
    make: () => vm.runInNewContext("new Map()"),
    code: "CANONICAL-007",
    message: /Map/,
    path: "$",
  },
  {
    label: "lone high surrogate in a value",
    make: () => ({ name: "a\uD800b" }),
    code: "CANONICAL-008",
    message: /lone surrogate/,
    path: "$.name",
  },
  {
    label: "lone low surrogate in a value",
    make: () => ["\uDC00"],
    code: "CANONICAL-008",
    message: /lone surrogate/,
    path: "$[0]",
  },
  {
    label: "surrogates in reversed order",
    make: () => "\uDE00\uD83D",
    code: "CANONICAL-008",
    message: /lone surrogate/,
    path: "$",
  },
  {
    label: "lone high surrogate in a key",
    make: () => ({ "k\uD83D": 1 }),
    code: "CANONICAL-008",
    message: /lone surrogate/,
    path: "$.k\uD83D",
  },
  {
    label: "lone low surrogate in a nested key",
    make: () => ({ a: { "\uDFFF": true } }),
    code: "CANONICAL-008",
    message: /lone surrogate/,
    path: "$.a.\uDFFF",
  },
];

describe("canonicalize rejects non-JSON input with CanonicalizationError", () => {
  it("covers at least 30 hostile inputs", () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(HOSTILE)("$label → $code", ({ make, code, message, path }) => {
    const error = expectParmanaError(
      () => canonicalize(make()),
      code,
      CanonicalizationError,
      message,
    );
    expect(error.name).toBe("CanonicalizationError");
    expect(error.details).toEqual({ path });
  });

  it("never lets a built-in TypeError or RangeError escape for these inputs", () => {
    for (const { make } of HOSTILE) {
      let caught: unknown;
      try {
        canonicalize(make());
      } catch (error) {
        caught = error;
      }
      expect(ParmanaError.isInstance(caught)).toBe(true);
    }
  });

  it("reports the first offending value in key order", () => {
    expectParmanaError(
      () => canonicalize({ z: NaN, a: 1n }),
      "CANONICAL-002",
      CanonicalizationError,
      /at \$\.a$/,
    );
  });
});

describe("canonicalize accepts plain JSON in every shape", () => {
  it("treats a parsed __proto__ member as data and changes no prototype", () => {
    const parsed: unknown = JSON.parse('{"__proto__":1}');
    expect(canonicalize(parsed)).toBe('{"__proto__":1}');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it("does not pollute Object.prototype through a __proto__ member holding an object", () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"polluted":true},"b":[{"__proto__":null}]}');
    expect(canonicalize(parsed)).toBe('{"__proto__":{"polluted":true},"b":[{"__proto__":null}]}');
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it("treats constructor, prototype, toString and hasOwnProperty as ordinary keys", () => {
    const value = { toString: "t", prototype: 2, hasOwnProperty: false, constructor: null };
    expect(canonicalize(value)).toBe(
      '{"constructor":null,"hasOwnProperty":false,"prototype":2,"toString":"t"}',
    );
  });

  it("accepts objects without a prototype", () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare["b"] = 2;
    bare["a"] = Object.assign(Object.create(null) as object, { c: [true] });
    expect(canonicalize(bare)).toBe('{"a":{"c":[true]},"b":2}');
  });

  it("writes -0 as 0 everywhere", () => {
    expect(canonicalize(-0)).toBe("0");
    expect(canonicalize({ a: [-0, 0] })).toBe('{"a":[0,0]}');
  });

  it("uses ECMAScript exponent forms (1e21 → 1e+21, 1e-7 → 1e-7)", () => {
    expect(canonicalize(1e21)).toBe("1e+21");
    expect(canonicalize(1e20)).toBe("100000000000000000000");
    expect(canonicalize(1e-7)).toBe("1e-7");
    expect(canonicalize(0.000001)).toBe("0.000001");
  });

  it("accepts plain objects and arrays made in another realm (node:vm)", () => {
    const foreign: unknown = vm.runInNewContext(
      '({ b: [1, { c: null }], a: "x", n: Object.create(null) })',
    );
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(canonicalize(foreign)).toBe('{"a":"x","b":[1,{"c":null}],"n":{}}');
  });

  it("emits well-formed surrogate pairs raw and empty keys and containers", () => {
    expect(canonicalize({ "": [], "\uD83D\uDE00": {} })).toBe('{"":[],"\uD83D\uDE00":{}}');
  });

  it("does not Unicode-normalise or rewrite line endings", () => {
    expect(canonicalize("A\u030A\r\n")).toBe('"A\u030A\\r\\n"');
  });

  it("ignores non-enumerable own properties, as JSON.stringify does", () => {
    const value = Object.defineProperty({ a: 1 }, "hidden", { value: 2, enumerable: false });
    expect(canonicalize(value)).toBe('{"a":1}');
  });
});
