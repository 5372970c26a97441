import { describe, expect, it } from "vitest";
import {
  createVerificationBundle,
  replayLineage,
  verifyGovernanceInvariants,
  type InvariantViolation,
  type LineageEvent,
} from "@parmanasystems/provenance";
import {
  ATTESTATION,
  EXECUTION_ID,
  L0,
  L1,
  L2,
  L3,
  chainOf,
  copy,
  happyLineage,
  happySteps,
} from "../helpers/lifecycle-fixtures.js";

function check(events: LineageEvent[], verificationBundle?: unknown) {
  return verifyGovernanceInvariants({
    lineageEvents: events,
    replay: replayLineage(events),
    ...(verificationBundle === undefined
      ? {}
      : { verificationBundle: verificationBundle as never }),
  });
}

const names = (violations: readonly InvariantViolation[]): string[] =>
  violations.map((violation) => violation.invariant);

function bundle(overrides: { executionId?: string; attestationHash?: string } = {}) {
  return createVerificationBundle({
    executionId: overrides.executionId ?? EXECUTION_ID,
    attestationHash: overrides.attestationHash ?? ATTESTATION,
    generatedAt: L3,
  });
}

describe("verifyGovernanceInvariants", () => {
  it("holds for the happy path, with and without a matching verification bundle", () => {
    expect(check(happyLineage())).toEqual({ valid: true, violations: [] });
    expect(check(happyLineage(), bundle())).toEqual({ valid: true, violations: [] });
  });

  it("empty-lineage (critical)", () => {
    expect(check([])).toEqual({
      valid: false,
      violations: [
        { invariant: "empty-lineage", severity: "critical", message: "the lineage has no events" },
      ],
    });
  });

  it("replay-validity (critical): a broken chain", () => {
    const events = copy(happyLineage());
    events[1]!.timestamp = L2;
    const result = check(events);
    expect(result.valid).toBe(false);
    expect(names(result.violations)).toEqual(["replay-validity"]);
    expect(result.violations[0]!.severity).toBe("critical");
    expect(result.violations[0]!.message).toMatch(
      /^replay is not valid: event 1: lineageHash does not match/,
    );
  });

  it("replay-validity: a replay that is not the replay of these events", () => {
    const events = happyLineage();
    const result = verifyGovernanceInvariants({
      lineageEvents: events,
      replay: replayLineage(events.slice(0, 3)),
    });
    expect(result.violations).toEqual([
      {
        invariant: "replay-validity",
        severity: "critical",
        message:
          "replay does not match an independent replay of the lineage events (replayHash differs)",
      },
    ]);
  });

  it("replay-validity: a forged replay claiming validity for a broken chain", () => {
    const events = copy(happyLineage());
    events[1]!.type = "authority_issued";
    const honest = replayLineage(events);
    const forged = { ...honest, valid: true, errors: [] };
    const result = verifyGovernanceInvariants({ lineageEvents: events, replay: forged });
    expect(names(result.violations)).toEqual(["replay-validity"]);
    expect(result.violations[0]!.message).toMatch(
      /^independent replay of the lineage is not valid/,
    );
  });

  it("execution-without-authorization (critical)", () => {
    const steps = happySteps().filter(
      (step) => step.type !== "decision_authorized" && step.type !== "authority_issued",
    );
    const result = check(chainOf(steps));
    expect(result.violations).toEqual([
      {
        invariant: "execution-without-authorization",
        severity: "critical",
        message: "event 1: execution reported without an earlier authorization event",
      },
    ]);
  });

  it("execution-without-authorization: authorization after the execution does not count", () => {
    const metadata = { executionId: EXECUTION_ID, attestationHash: ATTESTATION };
    const result = check(
      chainOf([
        { type: "execution_reported", payload: 1, timestamp: L0, metadata },
        { type: "decision_authorized", payload: 2, timestamp: L1, metadata },
      ]),
    );
    expect(names(result.violations)).toEqual(["execution-without-authorization"]);
  });

  it("reconciliation-without-receipt (high)", () => {
    const steps = happySteps().filter((step) => step.type !== "execution_reported");
    const result = check(chainOf(steps));
    expect(result.violations).toEqual([
      {
        invariant: "reconciliation-without-receipt",
        severity: "high",
        message: "event 3: execution reconciled without an earlier execution_reported event",
      },
    ]);
  });

  it("bundle-execution-mismatch (high)", () => {
    const result = check(happyLineage(), bundle({ executionId: "loan-99" }));
    expect(result.violations).toEqual([
      {
        invariant: "bundle-execution-mismatch",
        severity: "high",
        message: 'verification bundle is for execution "loan-99", the lineage for "loan-42"',
      },
    ]);
  });

  it("bundle-attestation-mismatch (high)", () => {
    const other = `sha256:${"ee".repeat(32)}`;
    const result = check(happyLineage(), bundle({ attestationHash: other }));
    expect(result.violations).toEqual([
      {
        invariant: "bundle-attestation-mismatch",
        severity: "high",
        message: `verification bundle names attestation "${other}", the lineage "${ATTESTATION}"`,
      },
    ]);
  });

  it("bundle mismatches when the lineage names no execution or attestation (cannot be confirmed)", () => {
    const events = chainOf([{ type: "decision_authorized", payload: 1, timestamp: L0 }]);
    expect(names(check(events, bundle()).violations)).toEqual([
      "bundle-execution-mismatch",
      "bundle-attestation-mismatch",
    ]);
  });

  it("bundle-integrity (high): a tampered verification bundle", () => {
    const tampered = { ...bundle(), generatedAt: L0 };
    expect(names(check(happyLineage(), tampered).violations)).toEqual(["bundle-integrity"]);
  });

  it("reports several violations at once", () => {
    const steps = happySteps().filter(
      (step) =>
        !["decision_authorized", "authority_issued", "execution_reported"].includes(step.type),
    );
    expect(names(check(chainOf(steps), bundle({ executionId: "x" })).violations)).toEqual([
      "reconciliation-without-receipt",
      "bundle-execution-mismatch",
    ]);
  });

  it("never throws on hostile input", () => {
    for (const value of [
      undefined,
      null,
      "x",
      { lineageEvents: "x", replay: 1 },
      { lineageEvents: [null], replay: null, verificationBundle: 5 },
    ]) {
      const result = verifyGovernanceInvariants(value as never);
      expect(result.valid).toBe(false);
      expect(result.violations.length).toBeGreaterThan(0);
    }
  });
});
