// "Overrides": the attestation here is a decision that waits for a reviewer.
import { randomUUID } from "node:crypto";
import {
  executeFromSignals,
  MemoryReplayStore,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { signer, verifier } from "../../common.js";

export const attestation: ExecutionAttestation = await executeFromSignals(
  {
    executionId: `loan-app-${randomUUID()}`,
    policyId: "loan-approval",
    policyVersion: "1.0.0",
    signals: { credit_score: 650, loan_amount: 15000 },
  },
  signer,
  verifier,
  new MemoryReplayStore(),
);
