// What the provenance page takes as given: an Account Aggregator response signed by its FIP,
// the personal-loan policy, an issuer key pair, and the decision → execution → reconciliation
// records its later sections build on.
import { createPrivateKey, sign } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { canonicalHash, generateKeyPair } from "@parmanasystems/core";
import {
  accountAggregatorProvenance,
  createExecutionAuthority,
  createExecutionReceipt,
  createGovernanceProofBundle,
  createLineageEvent,
  hashEvidencePayload,
  hashExecutionParameters,
  InMemoryConsumptionStore,
  reconcileExecution,
  replayLineage,
  withProvenance,
  type AuthorizedExecution,
  type ExecutionAuthority,
  type ExecutionReceipt,
  type ExecutionReconciliationResult,
  type GovernanceProofBundle,
  type LineageEvent,
  type SourceAttestation,
} from "@parmanasystems/provenance";
import { attestation } from "../../common.js";

mkdirSync("policies/personal-loan/1.0.0", { recursive: true });
writeFileSync(
  "policies/personal-loan/1.0.0/policy.json",
  JSON.stringify({
    policyId: "personal-loan",
    policyVersion: "1.0.0",
    schemaVersion: "1.0.0",
    signalsSchema: {
      monthly_income: { type: "number" },
      cibil_score: { type: "integer" },
      employed: { type: "boolean" },
    },
    rules: [
      {
        id: "approve",
        condition: {
          all: [
            { signal: "cibil_score", greater_than_or_equal: 700 },
            { signal: "employed", equals: true },
          ],
        },
        outcome: {
          action: "approve",
          requires_override: false,
          reason: "Verified income and score.",
        },
      },
      {
        id: "reject",
        condition: { all: [] },
        outcome: { action: "reject", requires_override: false, reason: "Criteria not met." },
      },
    ],
  }),
);

const issuer = generateKeyPair();
/** The issuer's key pair, PEM. */
export const privateKey: string = issuer.privateKeyPem;
export const publicKey: string = issuer.publicKeyPem;
export const pem: string = issuer.publicKeyPem;

const fip = generateKeyPair();
export const fipPublicKeyPem: string = fip.publicKeyPem;
export const aaResponse = {
  consentId: "consent-7f3a",
  fetchedAt: "2024-05-01T09:58:00.000Z",
  derivedMonthlyIncome: 82000,
  hasRegularIncome: true,
  rawFiData: { accounts: [{ type: "savings", monthlyCredits: [81000, 83000, 82000] }] },
};
const payloadHash = hashEvidencePayload(aaResponse);
export const aaAttestation: SourceAttestation = {
  source: "FIP-HDFC",
  signedAt: "2024-05-01T09:58:01.000Z",
  algorithm: "ed25519",
  payloadHash,
  signature: sign(null, Buffer.from(payloadHash, "utf8"), fip.privateKeyPem).toString("base64"),
};

export const governedSignals = {
  monthly_income: withProvenance(
    aaResponse.derivedMonthlyIncome,
    accountAggregatorProvenance({
      consentId: aaResponse.consentId,
      fiuId: "FIU-NBFC-001",
      fetchedAt: aaResponse.fetchedAt,
      rawData: aaResponse.rawFiData,
    }),
  ),
  cibil_score: withProvenance(742, {
    source: "CIBIL",
    sourceType: "financial_api",
    sourceVerified: true,
    verificationMethod: "api-key",
    trustLevel: "verified",
    sourceTimestamp: "2024-05-01T09:59:00.000Z",
  }),
};

export const attestationHash: string = canonicalHash(attestation);
export const executorIdentity = "disbursement-service";
export const clock = (): Date => new Date();
/** The bank transfer an executor makes. */
export async function payout(parameters: unknown): Promise<void> {
  void parameters;
}

export const authorizedExecution: AuthorizedExecution = {
  executionId: "loan-42",
  attestationHash,
  authorizedAction: "disburse_loan",
  authorizedParametersHash: hashExecutionParameters({ amount: 500000, currency: "INR" }),
};
export const receipt: ExecutionReceipt = createExecutionReceipt({
  executionId: "loan-42",
  attestationHash,
  executorIdentity,
  executedAction: "disburse_loan",
  executedParameters: { amount: 500000, currency: "INR" },
  outcome: "success",
  executedAt: "2024-05-01T10:05:00.000Z",
});
export const reconciliation: ExecutionReconciliationResult = reconcileExecution(
  authorizedExecution,
  receipt,
);
export const timestamp = "2024-05-01T10:05:00.000Z";
export const metadata = { executionId: "loan-42", attestationHash };

const genesis = createLineageEvent({
  type: "decision_authorized",
  payload: authorizedExecution,
  previousHash: null,
  timestamp: "2024-05-01T10:00:00.000Z",
  metadata,
});
const reported = createLineageEvent({
  type: "execution_reported",
  payload: receipt,
  previousHash: genesis.lineageHash,
  timestamp,
  metadata,
});
const lineage: LineageEvent[] = [genesis, reported];
/** The last event of the lineage chain. */
export const tail: LineageEvent = reported;
export const bundle: GovernanceProofBundle = createGovernanceProofBundle({
  lineage,
  replay: replayLineage(lineage),
  privateKey: createPrivateKey(issuer.privateKeyPem),
  keyId: "gov-2024",
});

export const authority: ExecutionAuthority = createExecutionAuthority({
  executionId: "loan-42",
  attestationHash,
  authorizedAction: "disburse_loan",
  authorizedParameters: { amount: 500000, currency: "INR" },
  executorIdentity,
  ttlSeconds: 300,
  issuedAt: new Date().toISOString(),
});
/** Where consumed authorities are recorded (in memory: tests and development). */
export const store: InMemoryConsumptionStore = new InMemoryConsumptionStore();
