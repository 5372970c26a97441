import { describe, expect, it } from "vitest";
import { ProvenanceError } from "@parmanasystems/core";
import {
  accountAggregatorProvenance,
  documentProvenance,
  evaluateProvenancePolicy,
  withProvenance,
  withoutProvenance,
} from "@parmanasystems/provenance";
import type { ProvenancePolicyRequirements, SignalProvenance } from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { T0 } from "../helpers/execution-fixtures.js";

const aa = accountAggregatorProvenance({
  consentId: "c-1",
  fiuId: "FIU-1",
  fetchedAt: T0,
  rawData: { balance: 1 },
});
const aaNoEvidence = accountAggregatorProvenance({
  consentId: "c-1",
  fiuId: "FIU-1",
  fetchedAt: T0,
});
const doc = documentProvenance({ modelName: "claude-3-5-sonnet", modelVersion: "20241022" });
const cibil: SignalProvenance = {
  source: "CIBIL",
  sourceType: "financial_api",
  sourceVerified: true,
  trustLevel: "verified",
  sourceTimestamp: T0,
};

describe("evaluateProvenancePolicy", () => {
  it("allows when every requirement holds, with warnings for what is not required", () => {
    const result = evaluateProvenancePolicy(
      { income: withProvenance(82000, aa), score: withProvenance(742, cibil) },
      {
        requireProvenance: true,
        minimumTrustLevel: "verified",
        allowedSources: ["AccountAggregator", "CIBIL"],
        requireVerifiedSources: true,
        requireSourceTimestamp: true,
      },
    );
    expect(result).toEqual({
      allowed: true,
      violations: [],
      warnings: ['signal "score": provenance has no evidenceHash'],
    });
  });

  it("an empty requirement set allows everything", () => {
    expect(evaluateProvenancePolicy({ a: 1, b: withoutProvenance(2) }, {})).toEqual({
      allowed: true,
      violations: [],
      warnings: [],
    });
  });

  it.each<[string, ProvenancePolicyRequirements, Record<string, unknown>, string[]]>([
    [
      "requireProvenance",
      { requireProvenance: true },
      { a: 1 },
      ['signal "a": provenance is required but missing'],
    ],
    [
      "minimumTrustLevel",
      { minimumTrustLevel: "verified" },
      { d: withProvenance(1, doc) },
      ['signal "d": trust level "claimed" is below the minimum "verified"'],
    ],
    [
      "allowedSources",
      { allowedSources: ["CIBIL"] },
      { i: withProvenance(1, aa) },
      ['signal "i": source "AccountAggregator" is not one of the allowed sources'],
    ],
    [
      "requireEvidenceHash",
      { requireEvidenceHash: true },
      { i: withProvenance(1, aaNoEvidence) },
      ['signal "i": evidenceHash is required but missing'],
    ],
    [
      "requireSourceTimestamp",
      { requireSourceTimestamp: true },
      { d: withProvenance(1, doc) },
      ['signal "d": sourceTimestamp is required but missing'],
    ],
    [
      "requireVerifiedSources",
      { requireVerifiedSources: true },
      { d: withProvenance(1, doc) },
      ['signal "d": source is not verified (sourceVerified is false)'],
    ],
  ])("%s produces its violation", (_label, requirements, signals, violations) => {
    const result = evaluateProvenancePolicy(signals, requirements);
    expect(result.allowed).toBe(false);
    expect(result.violations).toEqual(violations);
  });

  it("fails closed: a signal without provenance violates every content requirement", () => {
    const result = evaluateProvenancePolicy(
      { plain: 1 },
      {
        minimumTrustLevel: "claimed",
        allowedSources: ["CIBIL"],
        requireEvidenceHash: true,
        requireSourceTimestamp: true,
        requireVerifiedSources: true,
      },
    );
    expect(result.violations).toEqual([
      'signal "plain": no provenance, so trust level "unverified" is below the minimum "claimed"',
      'signal "plain": no provenance, so its source is not one of the allowed sources',
      'signal "plain": no provenance, so no evidenceHash',
      'signal "plain": no provenance, so no sourceTimestamp',
      'signal "plain": no provenance, so the source is not verified',
    ]);
  });

  it("malformed provenance is always a violation", () => {
    const result = evaluateProvenancePolicy({ bad: { value: 1, provenance: { source: "X" } } }, {});
    expect(result.allowed).toBe(false);
    expect(result.violations[0]).toMatch(/^signal "bad": malformed provenance: sourceType/);
  });

  it("does not depend on key order", () => {
    const one = evaluateProvenancePolicy(
      { z: 1, a: withProvenance(1, doc) },
      { requireProvenance: true, requireVerifiedSources: true },
    );
    const two = evaluateProvenancePolicy(
      { a: withProvenance(1, doc), z: 1 },
      { requireProvenance: true, requireVerifiedSources: true },
    );
    expect(one).toEqual(two);
  });

  it.each<[string, unknown, string]>([
    ["requirements null", null, "PROV-017"],
    ["requirements array", [], "PROV-017"],
    ["flag not boolean", { requireEvidenceHash: 1 }, "PROV-017"],
    ["allowedSources string", { allowedSources: "CIBIL" }, "PROV-017"],
    ["unknown trust level", { minimumTrustLevel: "gold" }, "PROV-003"],
  ])("refuses %s", (_label, requirements, code) => {
    expectParmanaError(
      () => evaluateProvenancePolicy({ a: 1 }, requirements as ProvenancePolicyRequirements),
      code,
      ProvenanceError,
    );
  });

  it("refuses non-map signals with PROV-001", () => {
    for (const signals of [null, [], "x", new Map()]) {
      expectParmanaError(
        () => evaluateProvenancePolicy(signals as never, {}),
        "PROV-001",
        ProvenanceError,
      );
    }
  });
});
