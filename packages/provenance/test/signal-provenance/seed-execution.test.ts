// The Account Aggregator example's execution step, as written on the product page:
// executeFromSignals(input, signer, verifier, undefined, store) with the personal-loan fixture
// policy found through PARMANA_POLICIES_ROOT. Then the evidence chain onward: receipt,
// reconciliation, timeline and verification bundle around the real attestation.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
  canonicalHash,
  executeFromSignals,
  generateKeyPair,
  verifyAttestation,
} from "@parmanasystems/core";
import { POLICIES_ROOT_ENV } from "@parmanasystems/core/internal";
import {
  accountAggregatorProvenance,
  buildAuditTimeline,
  buildProvenanceAttestationSummary,
  createExecutionReceipt,
  createVerificationBundle,
  extractSignalValues,
  hashExecutionParameters,
  reconcileExecution,
  validateProvenance,
  verifyVerificationBundle,
  withProvenance,
} from "@parmanasystems/provenance";

const POLICIES_ROOT = fileURLToPath(
  new URL("../../../core/test/fixtures/policies", import.meta.url),
);
const FETCHED_AT = "2024-05-01T10:00:00.000Z";

let previousRoot: string | undefined;
beforeAll(() => {
  previousRoot = process.env[POLICIES_ROOT_ENV];
  process.env[POLICIES_ROOT_ENV] = POLICIES_ROOT;
});
afterAll(() => {
  if (previousRoot === undefined) delete process.env[POLICIES_ROOT_ENV];
  else process.env[POLICIES_ROOT_ENV] = previousRoot;
});

const { privateKeyPem: privateKey, publicKeyPem: publicKey } = generateKeyPair();

function governed() {
  const aa = accountAggregatorProvenance({
    consentId: "consent-7f3a",
    fiuId: "FIU-NBFC-001",
    fetchedAt: FETCHED_AT,
    rawData: { fipId: "FIP-HDFC", transactions: [{ amount: "82000.00" }] },
    transformations: ["rbi-aa-schema-normalization", "monthly-average-v2"],
  });
  return {
    monthly_income: withProvenance(82000, aa),
    cibil_score: withProvenance(742, {
      source: "CIBIL",
      sourceType: "financial_api",
      sourceVerified: true,
      verificationMethod: "api-key",
      trustLevel: "verified",
      sourceTimestamp: FETCHED_AT,
    }),
    employed: withProvenance(
      true,
      accountAggregatorProvenance({
        consentId: "consent-7f3a",
        fiuId: "FIU-NBFC-001",
        fetchedAt: FETCHED_AT,
      }),
    ),
  };
}

describe("Account Aggregator example: execution step", () => {
  it("decides on the extracted values and the attestation verifies", async () => {
    const governedSignals = governed();
    const validation = validateProvenance(governedSignals, {
      requireProvenance: true,
      minimumTrustLevel: "verified",
    });
    expect(validation.valid).toBe(true);
    const signals = extractSignalValues(governedSignals);

    const signer = new LocalSigner(privateKey);
    const verifier = new LocalVerifier(publicKey);
    const store = new MemoryReplayStore();
    const attestation = await executeFromSignals(
      { policyId: "personal-loan", policyVersion: "1.0.0", signals },
      signer,
      verifier,
      undefined,
      store,
    );

    expect(attestation.decision.action).toBe("approve");
    expect((await verifyAttestation(attestation, verifier)).valid).toBe(true);
  });

  it("governed signals passed straight in give the same fingerprint, plus a signed provenance summary", async () => {
    const governedSignals = governed();
    const verifier = new LocalVerifier(publicKey);
    const plain = await executeFromSignals(
      {
        policyId: "personal-loan",
        policyVersion: "1.0.0",
        signals: extractSignalValues(governedSignals),
      },
      new LocalSigner(privateKey),
      verifier,
      undefined,
      new MemoryReplayStore(),
    );
    const wrapped = await executeFromSignals(
      { policyId: "personal-loan", policyVersion: "1.0.0", signals: governedSignals },
      new LocalSigner(privateKey),
      verifier,
      undefined,
      new MemoryReplayStore(),
    );
    expect(wrapped.execution_fingerprint).toBe(plain.execution_fingerprint);
    expect(wrapped.signalsHash).toBe(plain.signalsHash);
    expect(wrapped.decision).toEqual(plain.decision);
    expect(wrapped.provenance).toEqual(buildProvenanceAttestationSummary(governedSignals));
    expect(plain.provenance).toBeUndefined();
    expect((await verifyAttestation(wrapped, verifier)).valid).toBe(true);
  });

  it("the evidence chain around the attestation bundles and verifies", async () => {
    const governedSignals = governed();
    const attestation = await executeFromSignals(
      {
        executionId: "loan-42",
        policyId: "personal-loan",
        policyVersion: "1.0.0",
        signals: governedSignals,
      },
      new LocalSigner(privateKey),
      new LocalVerifier(publicKey),
      undefined,
      new MemoryReplayStore(),
    );
    const attestationHash = canonicalHash(attestation);
    const parameters = { amount: 500000, currency: "INR" };
    const receipt = createExecutionReceipt({
      executionId: "loan-42",
      attestationHash,
      executorIdentity: "disbursement-service",
      executedAction: attestation.decision.action,
      executedParameters: parameters,
      outcome: "success",
      executedAt: "2024-05-01T10:05:00.000Z",
      minimumTrustLevel: attestation.provenance?.minimumTrustLevel ?? null,
    });
    const reconciliation = reconcileExecution(
      {
        executionId: "loan-42",
        attestationHash,
        authorizedAction: "approve",
        authorizedParametersHash: hashExecutionParameters(parameters),
      },
      receipt,
    );
    expect(reconciliation.match).toBe(true);
    const bundle = createVerificationBundle({
      executionId: "loan-42",
      attestationHash,
      provenance: attestation.provenance,
      executionReceipt: receipt,
      reconciliation,
      auditTimeline: buildAuditTimeline({ executionReceipt: receipt, reconciliation }),
      generatedAt: "2024-05-01T10:06:00.000Z",
    });
    expect(verifyVerificationBundle(bundle)).toBe(true);
  });
});
