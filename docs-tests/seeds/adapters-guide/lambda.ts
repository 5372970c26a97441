import { executeFromSignals } from "@parmanasystems/core";
import { KMSSigner, KMSVerifier } from "./kms.js";
import { DynamoReplayStore } from "./dynamo-store.js";

// Initialize once outside the handler
const signer   = new KMSSigner(process.env.KMS_KEY_ID!);
const verifier = new KMSVerifier(process.env.KMS_KEY_ID!);
const store    = new DynamoReplayStore(process.env.DYNAMO_TABLE!);

export const handler = async (event: { signals: Record<string, unknown> }) => {
  const attestation = await executeFromSignals(
    {
      policyId:      "payment-approval",
      policyVersion: "1.0.0",
      signals:       event.signals,
    },
    signer,
    verifier,
    store
  );

  return {
    decision:    attestation.decision,
    executionId: attestation.executionId,
    signature:   attestation.signature,
  };
};
