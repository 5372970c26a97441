// Seeds 001/002 (attestation pages), "Decisions that require override": approveOverride called
// with the input object alone, by executionId (001) and by execution_fingerprint (002), verbatim
// apart from setup. The pending decision comes from executeFromSignals in this process.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { approveOverride } from "@parmanasystems/core";
import {
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
  verifyOverride,
} from "@parmanasystems/core";

const POLICIES_ROOT = fileURLToPath(new URL("../fixtures/policies", import.meta.url));
const { privateKeyPem, publicKeyPem } = generateKeyPair();
const signer = new LocalSigner(privateKeyPem);
const verifier = new LocalVerifier(publicKeyPem);

/** A loan above the automatic limit: the fixture's review-large-loan rule (any role may override). */
async function pendingLoan(executionId: string, loanAmount: number) {
  return executeFromSignals(
    {
      executionId,
      policyId: "loan-approval",
      policyVersion: "1.0.0",
      signals: { credit_score: 720, loan_amount: loanAmount },
    },
    signer,
    verifier,
    new MemoryReplayStore(),
  );
}

beforeAll(() => {
  vi.stubEnv("PARMANA_POLICIES_ROOT", POLICIES_ROOT);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe("seed: decisions that require override", () => {
  it("approveOverride({ executionId, ... }) (seed 001)", async () => {
    const attestation = await pendingLoan("seed-override-001", 900000);
    expect(attestation.execution_state).toBe("pending_override");

    const override = await approveOverride({
      executionId: attestation.executionId,
      approved_by: "user@example.com",
      approver_role: "risk-manager",
      reason: "Manually reviewed and approved based on supporting documentation.",
    });

    expect(override.decision).toBe("approved");
    expect(override.executionId).toBe("seed-override-001");
    expect(verifyOverride(override, attestation, verifier).valid).toBe(true);
  });

  it("approveOverride({ execution_fingerprint, ... }) (seed 002)", async () => {
    // Signals of their own, so this fingerprint names one pending decision of this process.
    const attestation = await pendingLoan("seed-override-002", 750000);

    const override = await approveOverride({
      execution_fingerprint: attestation.execution_fingerprint,
      approved_by: "user@example.com",
      approver_role: "risk-manager",
      reason: "Manually reviewed and approved based on supporting documentation.",
    });

    expect(override.decision).toBe("approved");
    expect(override.execution_fingerprint).toBe(attestation.execution_fingerprint);
    expect(verifyOverride(override, attestation, verifier).valid).toBe(true);
  });
});
