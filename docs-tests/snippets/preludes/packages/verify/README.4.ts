// "Transparency log": a log of two decisions, the checkpoint an auditor saved after the first,
// today's checkpoint, and the proof file `parmana audit prove` writes for the first decision.
import { AuditDb, AuditLog } from "@parmanasystems/audit-db";
import {
  executeFromSignals,
  formatNoteVerifierKey,
  generateKeyPair,
  LocalSigner,
  MemoryReplayStore,
  noteVerifierKey,
} from "@parmanasystems/core";
import { signer, verifier } from "../../common.js";

const origin = "audit.example.com/decisions";
const logKeys = generateKeyPair();
const db = new AuditDb(process.env.DATABASE_URL);
await db.migrate();
const log = new AuditLog(db, {
  origin,
  signer: new LocalSigner(logKeys.privateKeyPem),
  publicKey: logKeys.publicKeyPem,
});
const decide = async (executionId: string) =>
  db.recordDecision(
    await executeFromSignals(
      {
        executionId,
        policyId: "loan-approval",
        policyVersion: "1.0.0",
        signals: { credit_score: 720, loan_amount: 15000 },
      },
      signer,
      verifier,
      new MemoryReplayStore(),
    ),
  );

await decide("loan-app-1");
const saved = await log.publishCheckpoint();
await decide("loan-app-2");
const today = await log.publishCheckpoint();

export const savedCheckpoint: string = saved.note;
export const todaysCheckpoint: string = today.note;
export const consistencyProof = await log.getConsistencyProof(saved.treeSize, today.treeSize);
export const proofFileText: string = JSON.stringify(await log.proveDecision("loan-app-1"));
export const logVkey: string = formatNoteVerifierKey(noteVerifierKey(origin, logKeys.publicKeyPem));
await db.close();
