import { describe, expect, it } from "vitest";
import {
  CanonicalizationError,
  ProvenanceError,
  isGovernedSignal,
  stripProvenance,
  withProvenance,
  withoutProvenance,
} from "@parmanasystems/core";
import type { GovernedSignal, SignalProvenance } from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { cibilProvenance } from "../helpers/provenance-fixtures.js";

describe("isGovernedSignal", () => {
  it("accepts plain objects with an own value key and only value/provenance keys", () => {
    expect(isGovernedSignal({ value: 1 })).toBe(true);
    expect(isGovernedSignal({ value: undefined })).toBe(true);
    expect(isGovernedSignal({ value: 1, provenance: cibilProvenance() })).toBe(true);
    expect(isGovernedSignal({ value: 1, provenance: undefined })).toBe(true);
    const nullProto = Object.create(null) as Record<string, unknown>;
    nullProto["value"] = true;
    expect(isGovernedSignal(nullProto)).toBe(true);
  });

  it("rejects everything else", () => {
    class Wrapper {
      value = 1;
    }
    const inherited = Object.create({ value: 1 }) as object;
    const withSymbol = { value: 1, [Symbol("x")]: 2 };
    for (const candidate of [
      82000,
      "x",
      null,
      undefined,
      [1],
      { provenance: cibilProvenance() },
      { value: 1, unit: "INR" },
      new Wrapper(),
      inherited,
      withSymbol,
      new Map([["value", 1]]),
    ]) {
      expect(isGovernedSignal(candidate)).toBe(false);
    }
  });
});

describe("withProvenance", () => {
  it("wraps the value and the provenance", () => {
    const provenance = cibilProvenance();
    const signal = withProvenance(742, provenance);
    expect(signal).toEqual({ value: 742, provenance });
    expect(isGovernedSignal(signal)).toBe(true);
  });

  it("refuses an undefined value with PROV-006", () => {
    expectParmanaError(
      () => withProvenance(undefined, cibilProvenance()),
      "PROV-006",
      ProvenanceError,
    );
  });

  it.each<[string, unknown]>([
    ["no source", { sourceType: "financial_api", sourceVerified: true }],
    ["empty source", { source: "", sourceType: "financial_api", sourceVerified: true }],
    ["no sourceType", { source: "CIBIL", sourceVerified: true }],
    ["unknown sourceType", { source: "CIBIL", sourceType: "bureau", sourceVerified: true }],
    ["no sourceVerified", { source: "CIBIL", sourceType: "financial_api" }],
    [
      "string sourceVerified",
      { source: "CIBIL", sourceType: "financial_api", sourceVerified: "yes" },
    ],
    ["bad trustLevel", cibilProvenance({ trustLevel: "high" as never })],
    ["bad verificationMethod", cibilProvenance({ verificationMethod: "oauth" as never })],
    ["bad timestamp", cibilProvenance({ sourceTimestamp: "yesterday" })],
    ["zone-less timestamp", cibilProvenance({ sourceTimestamp: "2024-05-01T10:00:00" })],
    ["impossible date", cibilProvenance({ sourceTimestamp: "2024-13-45T10:00:00Z" })],
    ["bare hex evidenceHash", cibilProvenance({ evidenceHash: "ab".repeat(32) })],
    ["uppercase evidenceHash", cibilProvenance({ evidenceHash: `sha256:${"AB".repeat(32)}` })],
    ["lineage not strings", cibilProvenance({ transformationLineage: [1] as never })],
    ["metadata array", cibilProvenance({ metadata: [] as never })],
    ["null provenance", null],
    ["array provenance", []],
    ["string provenance", "CIBIL"],
  ])("refuses a provenance with %s (PROV-002)", (_label, provenance) => {
    expectParmanaError(
      () => withProvenance(1, provenance as SignalProvenance),
      "PROV-002",
      ProvenanceError,
      /^\[PROV-002\] withProvenance: /,
    );
  });

  it("refuses non-JSON content with a CANONICAL code", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expectParmanaError(
      () => withProvenance(1, cibilProvenance({ metadata: { score: Number.NaN } })),
      "CANONICAL-001",
      CanonicalizationError,
    );
    expectParmanaError(
      () => withProvenance(1, cibilProvenance({ metadata: cyclic })),
      "CANONICAL-004",
      CanonicalizationError,
    );
    expectParmanaError(
      () => withProvenance(1, cibilProvenance({ metadata: { n: 1n } })),
      "CANONICAL-002",
      CanonicalizationError,
    );
  });

  it("accepts optional members set to undefined and unknown extra members", () => {
    const provenance = {
      ...cibilProvenance(),
      evidenceHash: undefined,
      extra: "kept",
    } as SignalProvenance;
    expect(withProvenance(1, provenance).provenance).toBe(provenance);
  });
});

describe("withoutProvenance / stripProvenance", () => {
  it("wraps without provenance", () => {
    const signal = withoutProvenance(720);
    expect(signal).toEqual({ value: 720 });
    expect(Object.keys(signal)).toEqual(["value"]);
    expectParmanaError(() => withoutProvenance(undefined), "PROV-006", ProvenanceError);
  });

  it("strips provenance and returns the value", () => {
    expect(stripProvenance(withProvenance(82000, cibilProvenance()))).toBe(82000);
    expect(stripProvenance(withoutProvenance(false))).toBe(false);
  });

  it.each<[string, unknown]>([
    ["a plain value", 82000],
    ["null", null],
    ["an array", [1]],
    ["an object with other keys", { value: 1, unit: "INR" }],
  ])("refuses %s with PROV-005", (_label, candidate) => {
    expectParmanaError(
      () => stripProvenance(candidate as GovernedSignal),
      "PROV-005",
      ProvenanceError,
    );
  });
});
