import { describe, expect, it } from "vitest";
import {
  ProvenanceError,
  accountAggregatorProvenance,
  canonicalize,
  extractSignalValues,
  normalizeGovernedSignals,
  sha256Hex,
  withProvenance,
  withoutProvenance,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { FETCHED_AT, cibilProvenance } from "../helpers/provenance-fixtures.js";

const aa = accountAggregatorProvenance({
  consentId: "consent-1",
  fiuId: "FIU-NBFC-001",
  fetchedAt: FETCHED_AT,
});

describe("extractSignalValues / normalizeGovernedSignals", () => {
  it("unwraps governed signals and passes plain values through", () => {
    const governed = {
      monthly_income: withProvenance(82000, aa),
      employed: withProvenance(true, aa),
      credit_score: 720,
      name: withoutProvenance("A"),
      // no own `value`: a plain value, unchanged
      odd: { provenance: cibilProvenance() },
      // extra key: a plain value, unchanged
      amount: { value: 5, unit: "INR" },
    };
    const values = extractSignalValues(governed);
    expect(values).toEqual({
      monthly_income: 82000,
      employed: true,
      credit_score: 720,
      name: "A",
      odd: governed.odd,
      amount: governed.amount,
    });
    expect(Object.keys(values)).toEqual(Object.keys(governed));
    expect(normalizeGovernedSignals(governed)).toEqual(values);
  });

  it("never mutates the input", () => {
    const governed = { income: withProvenance(82000, aa), score: 720 };
    const before = structuredClone(governed);
    const values = extractSignalValues(governed);
    expect(governed).toEqual(before);
    expect(values).not.toBe(governed);
    values["score"] = 1;
    expect(governed.score).toBe(720);
  });

  it("copies hostile keys as data without touching prototypes", () => {
    const input = JSON.parse(
      '{"__proto__": {"value": 1}, "constructor": 2, "polluted": {"value": true}}',
    ) as Record<string, unknown>;
    const values = extractSignalValues(input);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.keys(values)).toEqual(["__proto__", "constructor", "polluted"]);
    expect(Object.getOwnPropertyDescriptor(values, "__proto__")?.value).toBe(1);
    expect(values["constructor"]).toBe(2);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(canonicalize(values)).toBe('{"__proto__":1,"constructor":2,"polluted":true}');
  });

  it("accepts null-prototype maps", () => {
    const input = Object.create(null) as Record<string, unknown>;
    input["income"] = withProvenance(1, aa);
    expect(extractSignalValues(input)).toEqual({ income: 1 });
  });

  it("progressive adoption: plain, mixed and full maps give identical values and fingerprints", () => {
    const plain = { monthly_income: 82000, credit_score: 720 };
    const mixed = { monthly_income: withProvenance(82000, aa), credit_score: 720 };
    const full = {
      credit_score: withProvenance(720, cibilProvenance()),
      monthly_income: withProvenance(82000, aa),
    };
    const fingerprint = (signals: Record<string, unknown>): string =>
      sha256Hex(canonicalize({ policyId: "personal-loan", policyVersion: "1.0.0", signals }));
    const stages = [plain, mixed, full].map((stage) => extractSignalValues(stage));
    for (const values of stages) {
      expect(values).toEqual(plain);
      expect(fingerprint(values)).toBe(fingerprint(plain));
    }
    // The fingerprint is over the canonical form, independent of key order (full lists credit_score first).
    expect(canonicalize(stages[2])).toBe('{"credit_score":720,"monthly_income":82000}');
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["undefined", undefined],
    ["an array", [withProvenance(1, aa)]],
    ["a number", Number.NaN],
    ["a string", "signals"],
    ["a Map", new Map([["a", 1]])],
    ["a Date", new Date(0)],
    ["a class instance", new (class Signals {})()],
    ["an object with symbol keys", { a: 1, [Symbol("s")]: 2 }],
  ])("refuses %s with PROV-001", (_label, input) => {
    expectParmanaError(
      () => extractSignalValues(input as Record<string, unknown>),
      "PROV-001",
      ProvenanceError,
      /extractSignalValues|normalizeGovernedSignals/,
    );
    expectParmanaError(
      () => normalizeGovernedSignals(input as Record<string, unknown>),
      "PROV-001",
      ProvenanceError,
    );
  });

  it("does not recurse into cyclic values", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(extractSignalValues({ a: cyclic }).a).toBe(cyclic);
  });
});
