// "Transparency log": the database of the quick start, holding the claim the page proves, and
// the log's own key.
import { AuditDb } from "@parmanasystems/audit-db";
import { executeFromSignals, generateKeyPair, MemoryReplayStore } from "@parmanasystems/core";
import { signer, verifier } from "../../common.js";

export const db: AuditDb = new AuditDb(process.env.DATABASE_URL);
await db.migrate();
await db.recordDecision(
  await executeFromSignals(
    {
      executionId: "claim-CLM-2024-00441",
      policyId: "loan-approval",
      policyVersion: "1.0.0",
      signals: { credit_score: 720, loan_amount: 15000 },
    },
    signer,
    verifier,
    new MemoryReplayStore(),
  ),
);
const logKeys = generateKeyPair();
export const logPrivateKeyPem: string = logKeys.privateKeyPem;
export const logPublicKeyPem: string = logKeys.publicKeyPem;
/** The tree size of the checkpoint an auditor saved earlier. */
export const savedTreeSize = 1;
