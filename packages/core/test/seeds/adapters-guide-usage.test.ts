// Seed 000 (adapters guide), the "Usage" snippet under "Custom Signer - AWS KMS", verbatim apart
// from key setup (LocalSigner/LocalVerifier stand in for KMSSigner/KMSVerifier).
//
// The snippet sends `{ credit_score: 720 }` alone, while the guide's "Wiring it together" sends
// `{ credit_score: 720, loan_amount: 15000 }` to the same policy id. DESIGN §7 makes every declared
// signal required and undeclared signals an error, so which call succeeds is decided by the policy
// file, not by the library: here the snippet runs against a `loan-approval` that declares only
// `credit_score`, and against the two-signal fixture it is refused with VAL-004.
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  executeFromSignals,
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
  ValidationError,
} from "@parmanasystems/core";
import { generateKeyPair, verifyAttestation } from "@parmanasystems/core";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const SCORE_ONLY_ROOT = fileURLToPath(new URL("../fixtures/policies-score-only", import.meta.url));
const TWO_SIGNAL_ROOT = fileURLToPath(new URL("../fixtures/policies", import.meta.url));
const { privateKeyPem, publicKeyPem } = generateKeyPair();

afterEach(() => {
  vi.unstubAllEnvs();
});

async function usageSnippet() {
  const signer = new LocalSigner(privateKeyPem);
  const verifier = new LocalVerifier(publicKeyPem);

  const attestation = await executeFromSignals(
    { policyId: "loan-approval", policyVersion: "1.0.0", signals: { credit_score: 720 } },
    signer,
    verifier,
    new MemoryReplayStore(),
  );
  return { attestation, verifier };
}

describe("seed: adapters guide, KMS usage snippet", () => {
  it("decides { credit_score: 720 } under a policy that declares only credit_score", async () => {
    vi.stubEnv("PARMANA_POLICIES_ROOT", SCORE_ONLY_ROOT);
    const { attestation, verifier } = await usageSnippet();
    expect(attestation.decision).toEqual({
      action: "approve",
      requires_override: false,
      reason: "Credit score meets standard threshold.",
    });
    expect(attestation.execution_state).toBe("completed");
    expect(verifyAttestation(attestation, verifier).valid).toBe(true);
  });

  it("is refused with VAL-004 by a policy that also requires loan_amount", async () => {
    vi.stubEnv("PARMANA_POLICIES_ROOT", TWO_SIGNAL_ROOT);
    await expectRejectsParmanaError(usageSnippet(), "VAL-004", ValidationError, /loan_amount/);
  });
});
