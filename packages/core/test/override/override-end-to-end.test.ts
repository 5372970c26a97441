// The override loop end to end in one process: executeFromSignals decides a claim under the
// claims-approval fixture policy and records the pending decision; approveOverride /
// rejectOverride resolve it (with the input object alone, as the seeds do); confirmExecution
// seals what was executed. Unit tests cover each step with hand-built attestations; this suite
// proves the pieces fit: the recorded signer/verifier, the policy's override_roles, the default
// store.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  approveOverride,
  confirmExecution,
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryPendingOverrideStore,
  MemoryReplayStore,
  OverrideError,
  rejectOverride,
  verifyAttestation,
  verifyExecutionIntegrity,
  verifyOverride,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const POLICIES_ROOT = fileURLToPath(new URL("../fixtures/policies", import.meta.url));
const { privateKeyPem, publicKeyPem } = generateKeyPair();
const signer = new LocalSigner(privateKeyPem);
const verifier = new LocalVerifier(publicKeyPem);
const DECIDED = new Date("2026-03-01T09:00:00.000Z");
// Each test uses its own ids and amounts, so fingerprints never collide in the default store.
let sequence = 0;

async function decideClaim(
  claimAmount: number,
  customerTier = "silver",
  pendingOverrideStore?: MemoryPendingOverrideStore,
): Promise<ExecutionAttestation> {
  sequence += 1;
  return executeFromSignals(
    {
      executionId: `claim-e2e-${process.pid}-${sequence}`,
      policyId: "claims-approval",
      policyVersion: "1.0.0",
      signals: {
        claim_amount: claimAmount + sequence,
        policy_active: true,
        customer_tier: customerTier,
      },
    },
    signer,
    verifier,
    {
      replayStore: new MemoryReplayStore(),
      runtimeEnvironment: { policiesRootPath: POLICIES_ROOT },
      clock: () => DECIDED,
      ...(pendingOverrideStore === undefined ? {} : { pendingOverrideStore }),
    },
  );
}

describe("overrides end to end", () => {
  it("approves a large claim with the input object alone and leaves the attestation valid and unchanged", async () => {
    const attestation = await decideClaim(750000);
    expect(attestation.execution_state).toBe("pending_override");
    const before = JSON.stringify(attestation);

    const override = await approveOverride({
      executionId: attestation.executionId,
      approved_by: "user@example.com",
      approver_role: "risk-manager",
      reason: "Manually reviewed and approved based on supporting documentation.",
    });

    expect(override).toMatchObject({
      decision: "approved",
      executionId: attestation.executionId,
      original_decision: attestation.decision,
      policyId: "claims-approval",
      signerKeyId: signer.keyId,
    });
    expect(verifyOverride(override, attestation, verifier).valid).toBe(true);
    expect(JSON.stringify(attestation)).toBe(before);
    expect(verifyAttestation(attestation, verifier).valid).toBe(true);
    await expectRejectsParmanaError(
      approveOverride({
        executionId: attestation.executionId,
        approved_by: "b@example.com",
        approver_role: "claims-manager",
        reason: "again",
      }),
      "SYS-022",
      OverrideError,
    );
  });

  it("approves by execution_fingerprint (seed 002 form)", async () => {
    const attestation = await decideClaim(820000);
    const override = await approveOverride({
      execution_fingerprint: attestation.execution_fingerprint,
      approved_by: "user@example.com",
      approver_role: "risk-manager",
      reason: "Manually reviewed and approved based on supporting documentation.",
    });
    expect(override.execution_fingerprint).toBe(attestation.execution_fingerprint);
    expect(override.executionId).toBe(attestation.executionId);
  });

  it("enforces the matched rule's override_roles from the policy", async () => {
    const attestation = await decideClaim(600000);
    await expectRejectsParmanaError(
      approveOverride({
        executionId: attestation.executionId,
        approved_by: "intern@example.com",
        approver_role: "analyst",
        reason: "looks fine",
      }),
      "SYS-023",
      OverrideError,
      /allowed by the rule's override_roles: claims-manager, risk-manager/,
    );
    const override = await approveOverride({
      executionId: attestation.executionId,
      approved_by: "cm@example.com",
      approver_role: "claims-manager",
      reason: "ok",
    });
    expect(override.approver_role).toBe("claims-manager");
  });

  it("refuses a completed decision: not recorded (SYS-020), or not pending when passed explicitly (SYS-021)", async () => {
    const attestation = await decideClaim(10000, "gold");
    expect(attestation.execution_state).toBe("completed");
    const input = {
      executionId: attestation.executionId,
      approved_by: "user@example.com",
      approver_role: "risk-manager",
      reason: "x",
    };
    await expectRejectsParmanaError(approveOverride(input), "SYS-020", OverrideError);
    await expectRejectsParmanaError(
      approveOverride(input, {
        attestation,
        signer,
        verifier,
        store: new MemoryPendingOverrideStore(),
      }),
      "SYS-021",
      OverrideError,
    );
  });

  it("uses the store given to executeFromSignals, which the default store does not see", async () => {
    const store = new MemoryPendingOverrideStore();
    const attestation = await decideClaim(700000, "silver", store);
    const input = {
      executionId: attestation.executionId,
      approved_by: "user@example.com",
      approver_role: "risk-manager",
      reason: "ok",
    };
    await expectRejectsParmanaError(approveOverride(input), "SYS-020", OverrideError);
    expect((await approveOverride(input, { store })).decision).toBe("approved");
  });

  it("a retry after a failed attempt replaces the pending decision the caller never received", async () => {
    const replay = new MemoryReplayStore();
    let failConfirm = true;
    const flaky = {
      reserve: (key: string) => replay.reserve(key),
      confirm: async (key: string) => {
        if (failConfirm) {
          failConfirm = false;
          throw new Error("replay store unreachable");
        }
        return replay.confirm(key);
      },
      hasExecuted: (key: string) => replay.hasExecuted(key),
      markExecuted: (key: string) => replay.markExecuted(key),
      release: (key: string) => replay.release(key),
    };
    const input = {
      executionId: `claim-e2e-retry-${process.pid}`,
      policyId: "claims-approval",
      policyVersion: "1.0.0",
      signals: { claim_amount: 640000, policy_active: true, customer_tier: "bronze" },
    };
    const environment = { runtimeEnvironment: { policiesRootPath: POLICIES_ROOT } };
    await expect(
      executeFromSignals(input, signer, verifier, {
        ...environment,
        replayStore: flaky,
        clock: () => DECIDED,
      }),
    ).rejects.toThrow("replay store unreachable");
    const attestation = await executeFromSignals(input, signer, verifier, {
      ...environment,
      replayStore: flaky,
      clock: () => new Date("2026-03-01T09:00:01.000Z"),
    });
    const override = await approveOverride({
      executionId: input.executionId,
      approved_by: "user@example.com",
      approver_role: "risk-manager",
      reason: "ok",
    });
    expect(verifyOverride(override, attestation, verifier).valid).toBe(true);
  });

  it("of 20 concurrent approvals of one executed decision exactly one succeeds", async () => {
    const attestation = await decideClaim(910000);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        approveOverride({
          executionId: attestation.executionId,
          approved_by: `a${index}@example.com`,
          approver_role: "risk-manager",
          reason: "ok",
        }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(
      results.filter(
        (result) =>
          result.status === "rejected" && (result.reason as OverrideError).code === "SYS-022",
      ),
    ).toHaveLength(19);
  });

  it("confirms the execution after an approval, and not after a rejection", async () => {
    const approvedClaim = await decideClaim(760000);
    const approval = await approveOverride(
      {
        executionId: approvedClaim.executionId,
        approved_by: "user@example.com",
        approver_role: "risk-manager",
        reason: "ok",
      },
      { clock: () => new Date("2026-03-01T09:10:00.000Z") },
    );
    const action = {
      action: "manual_review",
      payload: { payout: 760000 },
      executedAt: "2026-03-01T09:15:00.000Z",
    };
    const options = {
      signer,
      verifier,
      expectedPayload: { payout: 760000 },
      maxDelaySeconds: 3600,
      clock: () => new Date("2026-03-01T09:16:00.000Z"),
    };
    const proof = await confirmExecution(approvedClaim, action, { ...options, override: approval });
    expect(proof.match).toBe(true);
    expect(verifyExecutionIntegrity(proof, verifier, approvedClaim)).toEqual({
      valid: true,
      errors: [],
    });

    const rejectedClaim = await decideClaim(770000);
    const rejection = await rejectOverride(
      {
        executionId: rejectedClaim.executionId,
        rejected_by: "user@example.com",
        approver_role: "risk-manager",
        reason: "no",
      },
      { clock: () => new Date("2026-03-01T09:10:00.000Z") },
    );
    expect(verifyOverride(rejection, rejectedClaim, verifier).valid).toBe(true);
    const refused = await confirmExecution(rejectedClaim, action, {
      ...options,
      override: rejection,
    });
    expect(refused.match).toBe(false);
    expect(refused.matchDetails.overrideSatisfied).toBe(false);
    expect(verifyExecutionIntegrity(refused, verifier, rejectedClaim).valid).toBe(true);
  });
});
