import { executeFromSignals } from "@parmanasystems/core";
import { KMSSigner, KMSVerifier } from "./kms.js";
import { MemoryReplayStore } from "@parmanasystems/core";

const signer   = new KMSSigner(process.env.KMS_KEY_ID!);
const verifier = new KMSVerifier(process.env.KMS_KEY_ID!);

const attestation = await executeFromSignals(
  { policyId: "loan-approval", policyVersion: "1.0.0", signals: { credit_score: 720 } },
  signer,
  verifier,
  new MemoryReplayStore()
);
