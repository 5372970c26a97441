// Seed 004 (attestation reference): the ExecutionAttestation fields, the claims example's
// decision, and "canonicalizeForSigning(token, SIGNING_DOMAINS.token)" as the signed bytes.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { canonicalizeForSigning, SIGNING_DOMAINS } from "@parmanasystems/core";
import {
  attestationSigningInput,
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
  type ExecutionAttestation,
} from "@parmanasystems/core";

const POLICIES_ROOT = fileURLToPath(new URL("../fixtures/policies", import.meta.url));
const { privateKeyPem, publicKeyPem } = generateKeyPair();
const signer = new LocalSigner(privateKeyPem);
const verifier = new LocalVerifier(publicKeyPem);

const SEED_FIELDS = [
  "executionId",
  "execution_fingerprint",
  "policyId",
  "policyVersion",
  "schemaVersion",
  "runtimeVersion",
  "runtimeHash",
  "decision",
  "execution_state",
  "signalsHash",
  "bundleHash",
  "manifestHash",
  "releaseManifestHash",
  "evaluatorHash",
  "evaluatorSemanticHash",
  "evaluatorArtifactHash",
  "manifestSignature",
  "trustRootVersion",
  "signerKeyId",
  "signature",
];

async function claim(): Promise<ExecutionAttestation> {
  return executeFromSignals(
    {
      executionId: "claim-CLM-2024-00441",
      policyId: "claims-approval",
      policyVersion: "1.0.0",
      signals: { claim_amount: 45000, policy_active: true, customer_tier: "gold" },
    },
    signer,
    verifier,
    undefined,
    new MemoryReplayStore(),
  );
}

beforeAll(() => {
  vi.stubEnv("PARMANA_POLICIES_ROOT", POLICIES_ROOT);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe("seed: attestation reference", () => {
  it("carries every seed field plus issuedAt, and the JSON example's decision for a gold claim", async () => {
    const attestation = await claim();
    expect(Object.keys(attestation).sort()).toEqual([...SEED_FIELDS, "issuedAt"].sort());
    expect(attestation.executionId).toBe("claim-CLM-2024-00441");
    expect(attestation.decision).toEqual({
      action: "approve",
      requires_override: false,
      reason: "Approved: gold tier within standard limit.",
    });
    expect(attestation.execution_state).toBe("completed");
    expect(attestation.evaluatorHash).toBe(attestation.evaluatorSemanticHash);
    for (const field of [
      "runtimeHash",
      "bundleHash",
      "manifestHash",
      "releaseManifestHash",
      "evaluatorHash",
      "evaluatorSemanticHash",
      "evaluatorArtifactHash",
    ] as const) {
      expect(attestation[field]).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });

  it("canonicalizeForSigning(token, SIGNING_DOMAINS.token) is exactly the signed input", async () => {
    const attestation = await claim();
    const { signature, ...token } = attestation;

    const canonical = canonicalizeForSigning(token, SIGNING_DOMAINS.token);
    // Returns a deterministic JSON string with sorted keys and a domain separator prefix

    expect(canonical).toBe(attestationSigningInput(attestation));
    expect(
      canonical.startsWith('{"domain":"PARMANA_ATTESTATION_V1","payload":{"bundleHash":'),
    ).toBe(true);
    expect(verifier.verify(canonical, signature)).toBe(true);
    // Ed25519 is deterministic: the same payload and key give the same signature.
    expect(signer.sign(canonical)).toBe(signature);
  });
});
