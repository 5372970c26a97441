import { describe, expect, it } from "vitest";
import { ProvenanceError } from "@parmanasystems/core";
import {
  createExecutionReceipt,
  createVerificationBundle,
  explainGovernance,
  reconcileExecution,
  replayLineage,
  verifyGovernanceInvariants,
  type LineageEvent,
} from "@parmanasystems/provenance";
import { authorizedExecution, receiptInput } from "../helpers/execution-fixtures.js";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import {
  ATTESTATION as LINEAGE_ATTESTATION,
  chainOf,
  copy,
  happyLineage,
  happySteps,
} from "../helpers/lifecycle-fixtures.js";

function explain(
  events: LineageEvent[],
  verificationBundle?: Parameters<typeof explainGovernance>[0]["verificationBundle"],
) {
  const replay = replayLineage(events);
  const invariants = verifyGovernanceInvariants({
    lineageEvents: events,
    replay,
    ...(verificationBundle ? { verificationBundle } : {}),
  });
  return explainGovernance({
    replay,
    invariants,
    ...(verificationBundle ? { verificationBundle } : {}),
  });
}

describe("explainGovernance", () => {
  it("explains the happy path without a bundle (reconciliation outcome unknown)", () => {
    const explanation = explain(happyLineage());
    expect(explanation.authorization).toEqual({
      attestationHash: LINEAGE_ATTESTATION,
      executionId: "loan-42",
    });
    expect(explanation.evidence).toEqual({
      provenanceCount: 1,
      verificationBundlePresent: false,
      minimumTrustObserved: null,
    });
    expect(explanation.execution).toEqual({
      executionReported: true,
      reconciliationPerformed: true,
      reconciliationConsistent: false,
    });
    expect(explanation.integrity).toEqual({
      replayValid: true,
      invariantsValid: true,
      violationCount: 0,
    });
    expect(explanation.summary).toBe(
      'Execution "loan-42" is consistent with its governance lineage: 5 lineage event(s), 1 provenance record(s), execution reported, reconciliation recorded.',
    );
    expect(explanation.observations).toEqual([
      "Reconciliation was recorded, but without a verification bundle its outcome is unknown.",
      "No verification bundle was supplied.",
    ]);
  });

  it("uses the verification bundle for the reconciliation outcome and the minimum trust", () => {
    const receipt = createExecutionReceipt(receiptInput({ minimumTrustLevel: "verified" }));
    const reconciliation = reconcileExecution(authorizedExecution(), receipt);
    const bundle = createVerificationBundle({
      executionId: "loan-42",
      attestationHash: receipt.attestationHash,
      executionReceipt: receipt,
      reconciliation,
      generatedAt: "2024-05-01T10:06:00.000Z",
    });
    const replay = replayLineage(happyLineage());
    const invariants = verifyGovernanceInvariants({ lineageEvents: happyLineage(), replay });
    const explanation = explainGovernance({ replay, invariants, verificationBundle: bundle });
    expect(explanation.execution.reconciliationConsistent).toBe(true);
    expect(explanation.evidence).toEqual({
      provenanceCount: 1,
      verificationBundlePresent: true,
      minimumTrustObserved: "verified",
    });
    expect(explanation.observations).toEqual([]);
  });

  it("puts the most serious violations first and says integrity fails", () => {
    const steps = happySteps().filter(
      (step) =>
        !["decision_authorized", "authority_issued", "execution_reported"].includes(step.type),
    );
    const explanation = explain(chainOf(steps));
    expect(explanation.integrity).toEqual({
      replayValid: true,
      invariantsValid: false,
      violationCount: 1,
    });
    expect(explanation.summary).toMatch(
      /^Execution "loan-42" FAILS governance integrity: replay valid, 1 invariant violation\(s\)/,
    );
    expect(explanation.observations[0]).toBe(
      "high invariant violation (reconciliation-without-receipt): event 1: execution reconciled without an earlier execution_reported event",
    );
  });

  it("explains a broken lineage", () => {
    const events = copy(happyLineage());
    events[0]!.type = "signal_ingested";
    const explanation = explain(events);
    expect(explanation.integrity.replayValid).toBe(false);
    expect(explanation.observations).toContain(
      "The lineage replay is not valid; the reconstructed state cannot be relied on.",
    );
    expect(explanation.observations[0]).toMatch(
      /^critical invariant violation \(replay-validity\)/,
    );
  });

  it("is deterministic", () => {
    expect(explain(happyLineage())).toEqual(explain(happyLineage()));
  });

  it.each([
    ["not an object", null],
    ["missing replay", { invariants: { valid: true, violations: [] } }],
    [
      "replay without state",
      { replay: { valid: true }, invariants: { valid: true, violations: [] } },
    ],
    [
      "state list with a non-hash",
      {
        replay: {
          ...replayLineage([]),
          state: { ...replayLineage([]).state, provenanceHashes: ["x"] },
        },
        invariants: { valid: true, violations: [] },
      },
    ],
    [
      "negative eventCount",
      {
        replay: { ...replayLineage([]), state: { ...replayLineage([]).state, eventCount: -1 } },
        invariants: { valid: true, violations: [] },
      },
    ],
    ["missing invariants", { replay: replayLineage([]) }],
    [
      "violation with unknown severity",
      {
        replay: replayLineage([]),
        invariants: {
          valid: false,
          violations: [{ invariant: "x", severity: "toString", message: "m" }],
        },
      },
    ],
    [
      "bundle not an object",
      {
        replay: replayLineage([]),
        invariants: { valid: true, violations: [] },
        verificationBundle: "b",
      },
    ],
  ])("refuses %s with PROV-028", (_name, input) => {
    expectParmanaError(
      () => explainGovernance(input as never),
      "PROV-028",
      ProvenanceError,
      /^\[PROV-028\] explainGovernance: /,
    );
  });
});
