import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ProvenanceError,
  accountAggregatorProvenance,
  hashEvidencePayload,
  withProvenance,
} from "@parmanasystems/core";
import type { AccountAggregatorProvenanceOptions } from "@parmanasystems/core";
import { expectParmanaError } from "../../../../../test-support/expect-parmana-error.js";
import { FETCHED_AT } from "../../helpers/provenance-fixtures.js";

const rawFiData = {
  fiType: "DEPOSIT",
  transactions: [{ amount: "82000.00", narration: "SALARY" }],
};

describe("accountAggregatorProvenance", () => {
  it("builds the documented verified record", () => {
    const provenance = accountAggregatorProvenance({
      consentId: "consent-123",
      fiuId: "FIU-NBFC-001",
      fetchedAt: FETCHED_AT,
      rawData: rawFiData,
      transformations: ["rbi-aa-schema-normalization", "monthly-average-v2"],
    });
    const expectedEvidence = `sha256:${createHash("sha256")
      .update('{"fiType":"DEPOSIT","transactions":[{"amount":"82000.00","narration":"SALARY"}]}')
      .digest("hex")}`;
    expect(provenance).toEqual({
      schemaVersion: "1.0.0",
      source: "AccountAggregator",
      sourceType: "financial_api",
      sourceVerified: true,
      verificationMethod: "signature",
      sourceTimestamp: FETCHED_AT,
      adapterIdentity: "aa-adapter@1.0.0",
      transformationLineage: ["rbi-aa-schema-normalization", "monthly-average-v2"],
      evidenceHash: expectedEvidence,
      trustLevel: "verified",
      metadata: { consentId: "consent-123", fiuId: "FIU-NBFC-001" },
    });
    expect(() => withProvenance(82000, provenance)).not.toThrow();
  });

  it("defaults transformations and leaves evidenceHash absent without evidence", () => {
    const provenance = accountAggregatorProvenance({
      consentId: "c",
      fiuId: "f",
      fetchedAt: FETCHED_AT,
    });
    expect(provenance.transformationLineage).toEqual(["rbi-aa-schema-normalization"]);
    expect("evidenceHash" in provenance).toBe(false);
  });

  it("accepts a pre-computed hash, alone or agreeing with the raw data", () => {
    const rawDataHash = hashEvidencePayload(rawFiData);
    expect(
      accountAggregatorProvenance({
        consentId: "c",
        fiuId: "f",
        fetchedAt: FETCHED_AT,
        rawDataHash,
      }).evidenceHash,
    ).toBe(rawDataHash);
    expect(
      accountAggregatorProvenance({
        consentId: "c",
        fiuId: "f",
        fetchedAt: FETCHED_AT,
        rawDataHash,
        rawData: rawFiData,
      }).evidenceHash,
    ).toBe(rawDataHash);
  });

  it("refuses a pre-computed hash that disagrees with the raw data (PROV-008)", () => {
    expectParmanaError(
      () =>
        accountAggregatorProvenance({
          consentId: "c",
          fiuId: "f",
          fetchedAt: FETCHED_AT,
          rawData: rawFiData,
          rawDataHash: hashEvidencePayload("other"),
        }),
      "PROV-008",
      ProvenanceError,
    );
  });

  it("is deterministic: same options, same record; no clock", () => {
    const options = { consentId: "c", fiuId: "f", fetchedAt: FETCHED_AT, rawData: rawFiData };
    expect(accountAggregatorProvenance(options)).toEqual(
      accountAggregatorProvenance({ ...options }),
    );
  });

  it.each<[string, unknown]>([
    ["no options", undefined],
    ["null options", null],
    ["missing consentId", { fiuId: "f", fetchedAt: FETCHED_AT }],
    ["empty fiuId", { consentId: "c", fiuId: "", fetchedAt: FETCHED_AT }],
    ["numeric consentId", { consentId: 5, fiuId: "f", fetchedAt: FETCHED_AT }],
    ["missing fetchedAt", { consentId: "c", fiuId: "f" }],
    ["non-ISO fetchedAt", { consentId: "c", fiuId: "f", fetchedAt: "01/05/2024" }],
    // Date.parse reads these as March 2nd and the next day's midnight; no such instant exists.
    [
      "fetchedAt on February 30th",
      { consentId: "c", fiuId: "f", fetchedAt: "2026-02-30T10:00:00Z" },
    ],
    ["fetchedAt at 24:00", { consentId: "c", fiuId: "f", fetchedAt: "2026-01-31T24:00:00Z" }],
    [
      "transformations not strings",
      { consentId: "c", fiuId: "f", fetchedAt: FETCHED_AT, transformations: [1] },
    ],
    ["bad rawDataHash", { consentId: "c", fiuId: "f", fetchedAt: FETCHED_AT, rawDataHash: "abc" }],
  ])("refuses %s with PROV-007", (_label, options) => {
    expectParmanaError(
      () => accountAggregatorProvenance(options as AccountAggregatorProvenanceOptions),
      "PROV-007",
      ProvenanceError,
      /accountAggregatorProvenance/,
    );
  });

  it("refuses non-JSON raw data with a CANONICAL code", () => {
    expectParmanaError(
      () =>
        accountAggregatorProvenance({
          consentId: "c",
          fiuId: "f",
          fetchedAt: FETCHED_AT,
          rawData: { n: Number.NaN },
        }),
      "CANONICAL-001",
    );
  });
});
