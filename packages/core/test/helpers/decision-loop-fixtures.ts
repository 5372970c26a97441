// Shared fixtures of the decision-loop tests (execute, verify, seeds): keys, a small loan policy,
// and hand-built signed attestations that do not depend on executeFromSignals.
import {
  attestationSigningInput,
  computeExecutionFingerprint,
  computeSignalsHash,
  generateKeyPair,
  getRuntimeIdentity,
  LocalSigner,
  LocalVerifier,
  type AttestationPayload,
  type ExecutionAttestation,
  type PolicyDocument,
} from "@parmanasystems/core";

/** A fresh Ed25519 key pair with its signer and verifier. */
export interface TestKeys {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly signer: LocalSigner;
  readonly verifier: LocalVerifier;
}

/** Generates a key pair with its LocalSigner and LocalVerifier. */
export function makeKeys(): TestKeys {
  const pair = generateKeyPair();
  return {
    privateKeyPem: pair.privateKeyPem,
    publicKeyPem: pair.publicKeyPem,
    signer: new LocalSigner(pair.privateKeyPem),
    verifier: new LocalVerifier(pair.publicKeyPem),
  };
}

/** A small loan policy in the shape of the seeds' `loan-approval` (credit_score 720 → approve). */
export const LOAN_POLICY: PolicyDocument = {
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  schemaVersion: "1.0.0",
  signalsSchema: {
    credit_score: { type: "integer" },
    loan_amount: { type: "number" },
  },
  rules: [
    {
      id: "reject-low-score",
      condition: { signal: "credit_score", less_than: 600 },
      outcome: {
        action: "reject",
        requires_override: false,
        reason: "Credit score below minimum.",
      },
    },
    {
      id: "review-large-loan",
      condition: { signal: "loan_amount", greater_than: 500000 },
      outcome: {
        action: "manual_review",
        requires_override: true,
        reason: "Large loan needs a risk manager.",
      },
      override_roles: ["risk-manager"],
    },
    {
      id: "approve-standard",
      condition: { signal: "credit_score", greater_than_or_equal: 700 },
      outcome: {
        action: "approve",
        requires_override: false,
        reason: "Credit score meets standard threshold.",
      },
    },
    {
      id: "review-default",
      condition: { all: [] },
      outcome: { action: "manual_review", requires_override: true, reason: "Borderline profile." },
    },
  ],
};

/** The seeds' loan signals. */
export const LOAN_SIGNALS: Readonly<Record<string, unknown>> = Object.freeze({
  credit_score: 720,
  loan_amount: 15000,
});

const HASH_A = `sha256:${"a".repeat(64)}`;

/**
 * A well-formed payload for the seeds' loan decision, with the running runtime's identity.
 * The policy hashes are placeholders (no policy check unless a test sets them).
 */
export function samplePayload(
  overrides: Partial<Record<keyof AttestationPayload, unknown>> = {},
): AttestationPayload {
  const runtime = getRuntimeIdentity();
  const base: AttestationPayload = {
    executionId: "loan-app-0001",
    execution_fingerprint: computeExecutionFingerprint("loan-approval", "1.0.0", LOAN_SIGNALS),
    policyId: "loan-approval",
    policyVersion: "1.0.0",
    schemaVersion: "1.0.0",
    runtimeVersion: runtime.runtimeVersion,
    runtimeHash: runtime.runtimeHash,
    decision: {
      action: "approve",
      requires_override: false,
      reason: "Credit score meets standard threshold.",
    },
    execution_state: "completed",
    signalsHash: computeSignalsHash(LOAN_SIGNALS),
    bundleHash: HASH_A,
    manifestHash: HASH_A,
    releaseManifestHash: runtime.releaseManifestHash,
    evaluatorHash: runtime.evaluatorSemanticHash,
    evaluatorSemanticHash: runtime.evaluatorSemanticHash,
    evaluatorArtifactHash: runtime.evaluatorArtifactHash,
    manifestSignature: "",
    trustRootVersion: "local",
    signerKeyId: "test-key",
    issuedAt: "2026-01-15T10:00:00.000Z",
  };
  return { ...base, ...overrides } as AttestationPayload;
}

/** Signs a payload (any object) the way executeFromSignals does. */
export function signPayload(payload: object, signer: LocalSigner): ExecutionAttestation {
  const signature = signer.sign(attestationSigningInput(payload as Record<string, unknown>));
  return { ...(payload as AttestationPayload), signature };
}
