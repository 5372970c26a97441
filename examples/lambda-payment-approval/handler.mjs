// An AWS Lambda handler (Node.js 20 runtime, ES module) that decides a payment under the
// payment-approval policy, signs the decision with a KMS key and records it in a DynamoDB replay
// table, so a payment retried by the caller (same executionId) is never decided twice, across
// every instance of the function.
//
// Environment: KMS_KEY_ID (the key ARN of an ECC_NIST_P256 or ECC_NIST_EDWARDS25519 SIGN_VERIFY
// key), DYNAMO_TABLE (a table made with the README's CloudFormation snippet), and optionally
// PARMANA_POLICIES_ROOT (defaults to ./policies beside this file, packaged with the function).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { executeFromSignals } from "@parmanasystems/core";
import { DynamoReplayStore, KMSSigner, KMSVerifier } from "@parmanasystems/adapters-aws";

process.env.PARMANA_POLICIES_ROOT ??= join(dirname(fileURLToPath(import.meta.url)), "policies");

// Initialize once outside the handler: warm invocations reuse the clients, their connections and
// the cached public key.
const signer = new KMSSigner(process.env.KMS_KEY_ID);
const verifier = new KMSVerifier(process.env.KMS_KEY_ID);
const store = new DynamoReplayStore(process.env.DYNAMO_TABLE);

export const handler = async (event) => {
  const attestation = await executeFromSignals(
    {
      ...(event.executionId === undefined ? {} : { executionId: event.executionId }),
      policyId: "payment-approval",
      policyVersion: "1.0.0",
      signals: event.signals,
    },
    signer,
    verifier,
    store,
  );

  return {
    decision: attestation.decision,
    executionId: attestation.executionId,
    signature: attestation.signature,
    attestation,
  };
};
