import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ProvenanceError,
  documentProvenance,
  validateProvenance,
  withProvenance,
} from "@parmanasystems/core";
import type { DocumentProvenanceOptions } from "@parmanasystems/core";
import { expectParmanaError } from "../../../../../test-support/expect-parmana-error.js";
import { FETCHED_AT } from "../../helpers/provenance-fixtures.js";

const pdfBytes = Buffer.from("%PDF-1.7 bank statement", "latin1");

describe("documentProvenance", () => {
  it("builds a claimed, unverified record (the seed's AI-extracted signal example)", () => {
    const provenance = documentProvenance({
      modelName: "claude-3-5-sonnet",
      modelVersion: "20241022",
      extractedAt: FETCHED_AT,
      rawDocument: pdfBytes,
      confidence: 0.95,
      transformations: ["pdf-text-extraction", "income-normalization"],
    });
    expect(provenance).toEqual({
      schemaVersion: "1.0.0",
      source: "claude-3-5-sonnet",
      sourceType: "document_ai",
      sourceVerified: false,
      sourceTimestamp: FETCHED_AT,
      adapterIdentity: "document-ai-adapter@1.0.0",
      transformationLineage: ["pdf-text-extraction", "income-normalization"],
      evidenceHash: `sha256:${createHash("sha256").update(pdfBytes).digest("hex")}`,
      trustLevel: "claimed",
      metadata: { modelName: "claude-3-5-sonnet", modelVersion: "20241022", confidence: 0.95 },
    });
    const governed = { monthly_income: withProvenance(82000, provenance) };
    const result = validateProvenance(governed, { minimumTrustLevel: "verified" });
    expect(result.valid).toBe(false);
    expect(result.trustSummary.minimumTrustLevel).toBe("claimed");
    expect(validateProvenance(governed, { minimumTrustLevel: "claimed" }).valid).toBe(true);
  });

  it("invents no timestamp, lineage or evidence when none is given", () => {
    const provenance = documentProvenance({ modelName: "ocr", modelVersion: "2" });
    expect("sourceTimestamp" in provenance).toBe(false);
    expect("transformationLineage" in provenance).toBe(false);
    expect("evidenceHash" in provenance).toBe(false);
    expect(provenance.metadata).toEqual({ modelName: "ocr", modelVersion: "2" });
  });

  it.each<[string, unknown]>([
    ["missing modelName", { modelVersion: "1" }],
    ["missing modelVersion", { modelName: "m" }],
    ["confidence above 1", { modelName: "m", modelVersion: "1", confidence: 1.5 }],
    ["negative confidence", { modelName: "m", modelVersion: "1", confidence: -0.1 }],
    ["NaN confidence", { modelName: "m", modelVersion: "1", confidence: Number.NaN }],
    ["string confidence", { modelName: "m", modelVersion: "1", confidence: "0.9" }],
    ["bad extractedAt", { modelName: "m", modelVersion: "1", extractedAt: "now" }],
    ["an array", []],
  ])("refuses %s with PROV-007", (_label, options) => {
    expectParmanaError(
      () => documentProvenance(options as DocumentProvenanceOptions),
      "PROV-007",
      ProvenanceError,
      /documentProvenance/,
    );
  });

  it("refuses a documentHash that is not the hash of rawDocument (PROV-008)", () => {
    expectParmanaError(
      () =>
        documentProvenance({
          modelName: "m",
          modelVersion: "1",
          rawDocument: pdfBytes,
          documentHash: `sha256:${"0".repeat(64)}`,
        }),
      "PROV-008",
      ProvenanceError,
    );
  });
});
