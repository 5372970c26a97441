import { describe, expect, it } from "vitest";
import {
  ProvenanceError,
  accountAggregatorProvenance,
  documentProvenance,
  validateProvenance,
  withProvenance,
  withoutProvenance,
} from "@parmanasystems/core";
import type { SignalProvenanceValidationOptions } from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { FETCHED_AT, cibilProvenance } from "../helpers/provenance-fixtures.js";

const aa = accountAggregatorProvenance({
  consentId: "consent-1",
  fiuId: "FIU-NBFC-001",
  fetchedAt: FETCHED_AT,
  rawData: { accounts: [] },
});
const claimed = documentProvenance({
  modelName: "claude-3-5-sonnet",
  modelVersion: "20241022",
  extractedAt: FETCHED_AT,
});

describe("validateProvenance", () => {
  it("passes the seed's Account Aggregator map and summarises it", () => {
    const governed = {
      monthly_income: withProvenance(82000, aa),
      cibil_score: withProvenance(742, cibilProvenance()),
      employed: withProvenance(
        true,
        accountAggregatorProvenance({
          consentId: "consent-1",
          fiuId: "FIU-NBFC-001",
          fetchedAt: FETCHED_AT,
        }),
      ),
    };
    const result = validateProvenance(governed, {
      requireProvenance: true,
      minimumTrustLevel: "verified",
      requiredSources: ["AccountAggregator", "CIBIL"],
    });
    expect(result.valid).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.trustSummary).toEqual({
      totalSignals: 3,
      signalsWithProvenance: 3,
      verifiedSignals: 3,
      unverifiedSignals: 0,
      signalsMissingEvidenceHash: 2, // cibil_score and employed carry no evidence hash
      signalsMissingTimestamp: 0,
      minimumTrustLevel: "verified",
    });
    expect(result.warnings).toEqual([
      'signal "cibil_score": provenance has no evidenceHash',
      'signal "employed": provenance has no evidenceHash',
    ]);
  });

  it("reports without options, and plain maps are valid", () => {
    const result = validateProvenance({ a: 1, b: true });
    expect(result).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      trustSummary: {
        totalSignals: 2,
        signalsWithProvenance: 0,
        verifiedSignals: 0,
        unverifiedSignals: 0,
        signalsMissingEvidenceHash: 0,
        signalsMissingTimestamp: 0,
        minimumTrustLevel: null,
      },
    });
  });

  it("requireProvenance rejects plain and withoutProvenance signals", () => {
    const result = validateProvenance(
      { a: 1, b: withoutProvenance(2), c: withProvenance(3, aa) },
      { requireProvenance: true },
    );
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      'signal "a": provenance is required but missing',
      'signal "b": provenance is required but missing',
    ]);
  });

  it("minimumTrustLevel rejects lower trust, and no provenance counts as unverified", () => {
    const result = validateProvenance(
      { doc: withProvenance(1, claimed), aa: withProvenance(2, aa), plain: 3 },
      { minimumTrustLevel: "verified" },
    );
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      'signal "doc": trust level "claimed" is below the minimum "verified"',
      'signal "plain": no provenance, so trust level "unverified" is below the minimum "verified"',
    ]);
    expect(result.trustSummary.minimumTrustLevel).toBe("claimed");
    expect(result.trustSummary.verifiedSignals).toBe(1);
    expect(result.trustSummary.unverifiedSignals).toBe(1);
    // "unverified" as minimum admits everything
    expect(
      validateProvenance(
        { plain: 3, doc: withProvenance(1, claimed) },
        { minimumTrustLevel: "unverified" },
      ).valid,
    ).toBe(true);
    // "trusted" rejects "verified"
    expect(
      validateProvenance({ aa: withProvenance(2, aa) }, { minimumTrustLevel: "trusted" }).errors,
    ).toEqual(['signal "aa": trust level "verified" is below the minimum "trusted"']);
  });

  it("never infers trust: missing trustLevel is unverified; unverified sources cannot claim verified", () => {
    const noLevel = cibilProvenance({ trustLevel: undefined });
    const contradictory = cibilProvenance({ sourceVerified: false, trustLevel: "trusted" });
    const result = validateProvenance(
      { a: withProvenance(1, noLevel), b: withProvenance(2, contradictory) },
      { minimumTrustLevel: "claimed" },
    );
    expect(result.errors).toEqual([
      'signal "a": trust level "unverified" is below the minimum "claimed"',
    ]);
    expect(result.warnings).toContain(
      'signal "b": declared trust level "trusted" treated as "claimed" because sourceVerified is false',
    );
    expect(result.trustSummary.minimumTrustLevel).toBe("unverified");
  });

  it("requiredSources admits only listed sources", () => {
    const result = validateProvenance(
      { aa: withProvenance(1, aa), cibil: withProvenance(2, cibilProvenance()), plain: 3 },
      { requiredSources: ["CIBIL"] },
    );
    expect(result.errors).toEqual([
      'signal "aa": source "AccountAggregator" is not one of the allowed sources',
      'signal "plain": no provenance, so its source is not one of the allowed sources',
    ]);
  });

  it("reports malformed provenance as an error instead of throwing", () => {
    const result = validateProvenance({
      bad: { value: 1, provenance: { source: "X", sourceType: "nope", sourceVerified: true } },
    });
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(
      /^signal "bad": malformed provenance: sourceType must be one of/,
    );
    expect(result.trustSummary.signalsWithProvenance).toBe(1);
    expect(result.trustSummary.unverifiedSignals).toBe(1);
    expect(result.trustSummary.minimumTrustLevel).toBe("unverified");
  });

  it("refuses a source timestamp that names no real instant", () => {
    // Date.parse reads these as March 2nd, the next day's midnight and the next minute.
    for (const sourceTimestamp of [
      "2026-02-30T10:00:00.000Z",
      "2026-01-31T24:00:00.000Z",
      "2026-01-31T10:00:60.000Z",
    ]) {
      const provenance = cibilProvenance({ sourceTimestamp });
      const result = validateProvenance({ a: { value: 1, provenance } });
      expect(result.valid).toBe(false);
      expect(result.errors).toEqual([
        'signal "a": malformed provenance: sourceTimestamp must be an ISO-8601 date-time with a time zone, e.g. 2024-05-01T10:00:00.000Z',
      ]);
      expectParmanaError(
        () => withProvenance(1, provenance),
        "PROV-002",
        ProvenanceError,
        /sourceTimestamp must be an ISO-8601 date-time/,
      );
    }
  });

  it("counts missing timestamps and evidence", () => {
    const bare = cibilProvenance({ sourceTimestamp: undefined });
    const result = validateProvenance({ a: withProvenance(1, bare) });
    expect(result.trustSummary.signalsMissingTimestamp).toBe(1);
    expect(result.trustSummary.signalsMissingEvidenceHash).toBe(1);
    expect(result.warnings).toEqual([
      'signal "a": provenance has no sourceTimestamp',
      'signal "a": provenance has no evidenceHash',
    ]);
    expect(result.valid).toBe(true);
  });

  it("is independent of key insertion order", () => {
    const one = validateProvenance(
      { z: 1, a: withProvenance(1, claimed) },
      { requireProvenance: true, minimumTrustLevel: "verified" },
    );
    const two = validateProvenance(
      { a: withProvenance(1, claimed), z: 1 },
      { requireProvenance: true, minimumTrustLevel: "verified" },
    );
    expect(one).toEqual(two);
  });

  it.each<[string, unknown, string]>([
    ["options not an object", "strict", "PROV-004"],
    ["options an array", [], "PROV-004"],
    ["requireProvenance not boolean", { requireProvenance: "yes" }, "PROV-004"],
    ["requiredSources not an array", { requiredSources: "CIBIL" }, "PROV-004"],
    ["requiredSources with a number", { requiredSources: ["CIBIL", 1] }, "PROV-004"],
    ["unknown minimumTrustLevel", { minimumTrustLevel: "high" }, "PROV-003"],
  ])("refuses %s", (_label, options, code) => {
    expectParmanaError(
      () => validateProvenance({ a: 1 }, options as SignalProvenanceValidationOptions),
      code,
      ProvenanceError,
    );
  });

  it("refuses non-map signals with PROV-001", () => {
    for (const input of [null, undefined, [1], 5, new Set()]) {
      expectParmanaError(
        () => validateProvenance(input as never),
        "PROV-001",
        ProvenanceError,
        /validateProvenance/,
      );
    }
  });
});
