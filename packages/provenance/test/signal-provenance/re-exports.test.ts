import { describe, expect, it } from "vitest";
import * as core from "@parmanasystems/core";
import * as provenance from "@parmanasystems/provenance";

const BASICS = [
  "TRUST_LEVEL_ORDER",
  "isProvenanceTrustLevel",
  "compareTrustLevels",
  "effectiveTrustLevel",
  "isGovernedSignal",
  "assertSignalProvenance",
  "findProvenanceProblem",
  "withProvenance",
  "withoutProvenance",
  "stripProvenance",
  "normalizeGovernedSignals",
  "extractSignalValues",
  "extractProvenanceMap",
  "validateProvenance",
  "hashEvidencePayload",
  "hashEvidence",
  "hashProvenance",
  "hashSignalProvenance",
  "hashProvenanceSummary",
  "buildProvenanceAttestationSummary",
  "accountAggregatorProvenance",
  "documentProvenance",
  "voiceTranscriptProvenance",
] as const;

describe("signal provenance re-exports", () => {
  it("exports core's basics under the same names, as the same functions", () => {
    for (const name of BASICS) {
      expect(provenance[name], name).toBeDefined();
      expect(provenance[name], name).toBe(core[name]);
    }
  });

  it("exports every function of the page this package owns", () => {
    for (const name of [
      "verifySourceAttestation",
      "createExecutionReceipt",
      "hashExecutionReceipt",
      "hashExecutionParameters",
      "reconcileExecution",
      "hashReconciliationResult",
      "validateExecutionRequest",
      "evaluateProvenancePolicy",
      "evaluateAdmissibility",
      "buildAuditTimeline",
      "hashAuditEvent",
      "createVerificationBundle",
      "verifyVerificationBundle",
      "hashVerificationBundle",
    ]) {
      expect(typeof (provenance as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
