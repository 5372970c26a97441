import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  computeExecutionFingerprint,
  computeSignalsHash,
  executeFromSignals,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  PolicyError,
  simulate,
  SystemError,
  ValidationError,
} from "@parmanasystems/core";
import { LOAN_POLICY, LOAN_SIGNALS, makeKeys } from "../helpers/decision-loop-fixtures.js";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const POLICIES_ROOT = fileURLToPath(new URL("../fixtures/policies", import.meta.url));
const LOAN = { policyId: "loan-approval", policyVersion: "1.0.0", signals: LOAN_SIGNALS };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("simulate", () => {
  it("returns the decision, the matched rule and the hashes without signing", () => {
    const result = simulate(LOAN, { runtimeEnvironment: { policiesRootPath: POLICIES_ROOT } });
    expect(result).toEqual({
      decision: {
        action: "approve",
        requires_override: false,
        reason: "Credit score meets standard threshold.",
      },
      rule_id: "approve-standard",
      execution_fingerprint: computeExecutionFingerprint("loan-approval", "1.0.0", LOAN_SIGNALS),
      signalsHash: computeSignalsHash(LOAN_SIGNALS),
    });
  });

  it("agrees with executeFromSignals and leaves the replay slot free", async () => {
    vi.stubEnv("PARMANA_POLICIES_ROOT", POLICIES_ROOT);
    const input = { ...LOAN, executionId: "sim-1" };
    const simulated = simulate(input);
    const keys = makeKeys();
    const store = new MemoryReplayStore();
    const attestation = await executeFromSignals(input, keys.signer, keys.verifier, store);
    expect(attestation.decision).toEqual(simulated.decision);
    expect(attestation.execution_fingerprint).toBe(simulated.execution_fingerprint);
    expect(attestation.signalsHash).toBe(simulated.signalsHash);
    expect(simulate(input).decision).toEqual(simulated.decision); // repeatable: nothing consumed
  });

  it("uses a given registry", () => {
    const result = simulate(
      { ...LOAN, signals: { credit_score: 720, loan_amount: 900000 } },
      { policies: new MemoryPolicyRegistry([LOAN_POLICY]) },
    );
    expect(result.rule_id).toBe("review-large-loan");
    expect(result.decision.requires_override).toBe(true);
  });

  it("fails like executeFromSignals: VAL-, POL-, SYS-006", () => {
    const policies = new MemoryPolicyRegistry([
      LOAN_POLICY,
      { ...LOAN_POLICY, policyVersion: "2.0.0", rules: LOAN_POLICY.rules.slice(0, 1) },
    ]);
    expectParmanaError(
      () => simulate({ ...LOAN, signals: { credit_score: "x", loan_amount: 1 } }, { policies }),
      "VAL-007",
      ValidationError,
    );
    expectParmanaError(
      () => simulate({ ...LOAN, policyVersion: "v1" }, { policies }),
      "POL-022",
      PolicyError,
    );
    expectParmanaError(
      () => simulate({ ...LOAN, policyVersion: "2.0.0" }, { policies }),
      "SYS-006",
      SystemError,
    );
  });
});
