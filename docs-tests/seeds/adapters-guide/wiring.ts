import { executeFromSignals, verifyAttestation } from "@parmanasystems/core";
import { KMSSigner, KMSVerifier } from "./kms.js";
import { DynamoReplayStore } from "./dynamo-store.js";

async function main() {
  const signer   = new KMSSigner(process.env.KMS_KEY_ID!);
  const verifier = new KMSVerifier(process.env.KMS_KEY_ID!);
  const store    = new DynamoReplayStore(process.env.DYNAMO_TABLE!);

  const attestation = await executeFromSignals(
    {
      policyId:      "loan-approval",
      policyVersion: "1.0.0",
      signals:       { credit_score: 720, loan_amount: 15000 },
    },
    signer,
    verifier,
    store
  );

  console.log(attestation.decision);
  // { action: "approve", requires_override: false, reason: "Credit score meets standard threshold." }

  // Verify locally - no round trip needed
  const result = await verifyAttestation(attestation, verifier);
  console.log(result.valid); // true
}

main().catch(console.error);
