import { describe, expect, it } from "vitest";
import { ProvenanceError } from "@parmanasystems/core";
import {
  accountAggregatorProvenance,
  evaluateAdmissibility,
  evaluateProvenancePolicy,
  voiceTranscriptProvenance,
  withProvenance,
} from "@parmanasystems/provenance";
import type { AdmissibilityPolicy } from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { T0 } from "../helpers/execution-fixtures.js";

const aa = accountAggregatorProvenance({
  consentId: "c-1",
  fiuId: "FIU-1",
  fetchedAt: T0,
  rawData: "raw",
});
const voice = voiceTranscriptProvenance({
  callId: "CALL-1",
  sttModel: "sarvam-1",
  language: "hi-IN",
  extractedAt: T0,
  transcript: "...",
});

describe("evaluateAdmissibility", () => {
  const signals = {
    stated_income: withProvenance(25000, voice),
    monthly_income: withProvenance(82000, aa),
    plain: 1,
  };
  const policy: AdmissibilityPolicy = { minimumTrustLevel: "verified" };

  it("reports per signal, in sorted order, with the provenance of each", () => {
    const result = evaluateAdmissibility(signals, policy);
    expect(result.admissible).toBe(false);
    expect(Object.keys(result.signalResults)).toEqual(["monthly_income", "plain", "stated_income"]);
    expect(result.signalResults["monthly_income"]).toEqual({
      admissible: true,
      reasons: [],
      provenance: aa,
    });
    expect(result.signalResults["stated_income"]).toEqual({
      admissible: false,
      reasons: ['trust level "claimed" is below the minimum "verified"'],
      provenance: voice,
    });
    expect(result.signalResults["plain"]).toEqual({
      admissible: false,
      reasons: ['no provenance, so trust level "unverified" is below the minimum "verified"'],
    });
    expect(result.violations).toEqual([
      'signal "plain": no provenance, so trust level "unverified" is below the minimum "verified"',
      'signal "stated_income": trust level "claimed" is below the minimum "verified"',
    ]);
  });

  it("agrees with evaluateProvenancePolicy", () => {
    const full: AdmissibilityPolicy = {
      requireProvenance: true,
      requireEvidenceHash: true,
      allowedSources: ["AccountAggregator"],
    };
    expect(evaluateAdmissibility(signals, full).violations).toEqual(
      evaluateProvenancePolicy(signals, full).violations,
    );
    expect(evaluateAdmissibility({ m: withProvenance(1, aa) }, full)).toMatchObject({
      admissible: true,
      violations: [],
    });
  });

  it("keeps a signal named __proto__ as data", () => {
    const hostile = JSON.parse('{"__proto__": {"value": 1}}') as Record<string, unknown>;
    const result = evaluateAdmissibility(hostile, { requireProvenance: true });
    expect(Object.getPrototypeOf(result.signalResults)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result.signalResults, "__proto__")?.value).toEqual({
      admissible: false,
      reasons: ["provenance is required but missing"],
    });
  });

  it("refuses malformed policies and signal maps", () => {
    expectParmanaError(
      () => evaluateAdmissibility(signals, "strict" as never),
      "PROV-017",
      ProvenanceError,
      /evaluateAdmissibility/,
    );
    expectParmanaError(
      () => evaluateAdmissibility(signals, { minimumTrustLevel: 3 } as never),
      "PROV-003",
      ProvenanceError,
    );
    expectParmanaError(() => evaluateAdmissibility(null as never, {}), "PROV-001", ProvenanceError);
  });
});
