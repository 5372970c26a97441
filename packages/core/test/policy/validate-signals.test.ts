import { describe, expect, it } from "vitest";
import {
  compilePolicy,
  describeErrorCode,
  evaluatePolicy,
  validateSignalsAgainstSchema,
  ValidationError,
  type CompiledPolicy,
  type SignalProblem,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { samplePolicy, sampleSignals, type Json } from "./helpers/policy-documents.js";

const policy: CompiledPolicy = compilePolicy(samplePolicy()).policy!;

function signalsWith(change: (signals: Json) => void): Json {
  const signals = sampleSignals();
  change(signals);
  return signals;
}

class SignalBag {
  score = 720;
}

interface Case {
  readonly name: string;
  readonly signals: unknown;
  readonly code: string;
  readonly signal?: string;
}

const CASES: readonly Case[] = [
  {
    name: "an extra signal",
    signals: signalsWith((s) => (s["extra"] = 1)),
    code: "VAL-003",
    signal: "extra",
  },
  {
    name: "a __proto__ key from JSON.parse",
    signals: { ...sampleSignals(), ...JSON.parse('{"__proto__": {"score": 1}}') },
    code: "VAL-003",
    signal: "__proto__",
  },
  {
    name: "a constructor key",
    signals: signalsWith((s) => (s["constructor"] = 1)),
    code: "VAL-003",
    signal: "constructor",
  },
  {
    name: "a missing integer",
    signals: signalsWith((s) => delete s["score"]),
    code: "VAL-004",
    signal: "score",
  },
  {
    name: "a missing enum",
    signals: signalsWith((s) => delete s["tier"]),
    code: "VAL-004",
    signal: "tier",
  },
  {
    name: "a string for a number",
    signals: signalsWith((s) => (s["amount"] = "1500")),
    code: "VAL-005",
    signal: "amount",
  },
  {
    name: "NaN",
    signals: signalsWith((s) => (s["amount"] = Number.NaN)),
    code: "VAL-005",
    signal: "amount",
  },
  {
    name: "Infinity",
    signals: signalsWith((s) => (s["amount"] = Number.POSITIVE_INFINITY)),
    code: "VAL-005",
    signal: "amount",
  },
  {
    name: "-Infinity",
    signals: signalsWith((s) => (s["amount"] = Number.NEGATIVE_INFINITY)),
    code: "VAL-005",
    signal: "amount",
  },
  {
    name: "a bigint for a number",
    signals: signalsWith((s) => (s["amount"] = 10n)),
    code: "VAL-005",
    signal: "amount",
  },
  {
    name: "null for a number",
    signals: signalsWith((s) => (s["amount"] = null)),
    code: "VAL-005",
    signal: "amount",
  },
  {
    name: "a string for a boolean",
    signals: signalsWith((s) => (s["active"] = "true")),
    code: "VAL-006",
    signal: "active",
  },
  {
    name: "1 for a boolean",
    signals: signalsWith((s) => (s["active"] = 1)),
    code: "VAL-006",
    signal: "active",
  },
  {
    name: "a fraction for an integer",
    signals: signalsWith((s) => (s["score"] = 720.5)),
    code: "VAL-007",
    signal: "score",
  },
  {
    name: "an unsafe integer",
    signals: signalsWith((s) => (s["score"] = 2 ** 53)),
    code: "VAL-007",
    signal: "score",
  },
  {
    name: "a numeric string for an integer",
    signals: signalsWith((s) => (s["score"] = "720")),
    code: "VAL-007",
    signal: "score",
  },
  {
    name: "a boxed number for an integer",
    signals: signalsWith((s) => (s["score"] = Object(720))),
    code: "VAL-007",
    signal: "score",
  },
  {
    name: "a number for a string",
    signals: signalsWith((s) => (s["name"] = 42)),
    code: "VAL-008",
    signal: "name",
  },
  {
    name: "a lone surrogate",
    signals: signalsWith((s) => (s["name"] = "\uDC00x")),
    code: "VAL-008",
    signal: "name",
  },
  {
    name: "an enum value in another case",
    signals: signalsWith((s) => (s["tier"] = "Gold")),
    code: "VAL-009",
    signal: "tier",
  },
  {
    name: "an enum value not listed",
    signals: signalsWith((s) => (s["tier"] = "platinum")),
    code: "VAL-009",
    signal: "tier",
  },
  {
    name: "a number for an enum",
    signals: signalsWith((s) => (s["tier"] = 1)),
    code: "VAL-009",
    signal: "tier",
  },
  { name: "null signals", signals: null, code: "VAL-010" },
  { name: "undefined signals", signals: undefined, code: "VAL-010" },
  { name: "an array", signals: [720], code: "VAL-010" },
  { name: "a string", signals: "score=720", code: "VAL-010" },
  { name: "a Map", signals: new Map(Object.entries(sampleSignals())), code: "VAL-010" },
  { name: "a class instance", signals: new SignalBag(), code: "VAL-010" },
  {
    name: "an object with a prototype carrying the signals",
    signals: Object.create(sampleSignals()),
    code: "VAL-010",
  },
  { name: "symbol keys", signals: { ...sampleSignals(), [Symbol("s")]: 1 }, code: "VAL-010" },
];

describe("validateSignals: every VAL code", () => {
  it.each(CASES)("$name → $code", ({ signals, code, signal }) => {
    const problems = policy.validateSignals(signals);
    expect(problems.map((p) => p.code)).toContain(code);
    const problem = problems.find((p) => p.code === code)!;
    if (signal !== undefined) expect(problem.signal).toBe(signal);
    expect(describeErrorCode(code)).toBeDefined();

    const error = expectParmanaError(
      () => evaluatePolicy(policy, signals),
      problems[0]!.code,
      ValidationError,
      problems[0]!.message,
    );
    expect(error.details?.["problems"]).toEqual(problems);
  });

  it("accepts valid signals, a null-prototype object and -0 for an integer", () => {
    expect(policy.validateSignals(sampleSignals())).toEqual([]);
    expect(policy.validateSignals(Object.assign(Object.create(null), sampleSignals()))).toEqual([]);
    expect(policy.validateSignals(signalsWith((s) => (s["score"] = -0)))).toEqual([]);
    expect(policy.validateSignals(signalsWith((s) => (s["amount"] = Number.MAX_VALUE)))).toEqual(
      [],
    );
    expect(policy.validateSignals(signalsWith((s) => (s["name"] = "")))).toEqual([]);
  });

  it("reports every problem at once", () => {
    const problems = policy.validateSignals({
      score: "720",
      amount: Number.NaN,
      active: "yes",
      tier: "platinum",
      extra: 1,
      __proto__x: 2,
    });
    expect(problems.map((p: SignalProblem) => `${p.code} ${p.signal}`)).toEqual([
      "VAL-007 score",
      "VAL-005 amount",
      "VAL-006 active",
      "VAL-004 name",
      "VAL-009 tier",
      "VAL-003 extra",
      "VAL-003 __proto__x",
    ]);
    const error = expectParmanaError(
      () => evaluatePolicy(policy, { score: "720" }),
      "VAL-007",
      ValidationError,
      /and 4 more problems/,
    );
    expect((error.details?.["problems"] as SignalProblem[]).length).toBe(5);
  });

  it("never reads or changes a prototype through hostile keys", () => {
    const hostile = JSON.parse(
      '{"score": 720, "amount": 1, "active": true, "name": "n", "tier": "gold", "__proto__": {"polluted": true}}',
    );
    const problems = policy.validateSignals(hostile);
    expect(problems).toEqual([expect.objectContaining({ code: "VAL-003", signal: "__proto__" })]);
    expect(({} as Json)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(hostile)).toBe(Object.prototype);
  });

  it("does not take signals inherited from Object.prototype", () => {
    const onlyInherited = policy.validateSignals({});
    expect(onlyInherited.map((p) => p.code)).toEqual([
      "VAL-004",
      "VAL-004",
      "VAL-004",
      "VAL-004",
      "VAL-004",
    ]);
  });

  it("keeps messages bounded for huge values and names", () => {
    const huge = "x".repeat(1_000_000);
    const [problem] = policy.validateSignals(signalsWith((s) => (s["score"] = huge)));
    expect(problem!.message.length).toBeLessThan(200);
    const [undeclared] = policy.validateSignals({ ...sampleSignals(), [huge]: 1 });
    expect(undeclared!.code).toBe("VAL-003");
    expect(undeclared!.message.length).toBeLessThan(200);
  });

  it("returns frozen problem lists", () => {
    expect(Object.isFrozen(policy.validateSignals(sampleSignals()))).toBe(true);
    expect(Object.isFrozen(policy.validateSignals({}))).toBe(true);
  });
});

describe("validateSignalsAgainstSchema (uncompiled schemas)", () => {
  it("reports VAL-011 for an enum without values and VAL-012 for an unsupported type, with the signal problems", () => {
    const schema = {
      tier: { type: "enum" },
      ratio: { type: "float" },
      count: { type: "integer" },
      bad: "integer",
    };
    const problems = validateSignalsAgainstSchema(schema, { tier: "gold", ratio: 1.5, count: 1.5 });
    expect(problems.map((p) => `${p.code} ${p.signal}`)).toEqual([
      "VAL-011 tier",
      "VAL-012 ratio",
      "VAL-012 bad",
      "VAL-007 count",
      "VAL-004 bad",
    ]);
  });

  it("reports VAL-012 when the schema is not an object", () => {
    expect(validateSignalsAgainstSchema(null, {}).map((p) => p.code)).toEqual(["VAL-012"]);
  });

  it("agrees with the compiled policy on a valid schema", () => {
    const schema = samplePolicy()["signalsSchema"];
    for (const { signals } of CASES) {
      expect(validateSignalsAgainstSchema(schema, signals)).toEqual(
        policy.validateSignals(signals),
      );
    }
  });
});
