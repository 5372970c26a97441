// "Transparency log": proof.json as `parmana audit prove` writes it, from a log kept in an
// audit database (on the Postgres named by DATABASE_URL), and the log's public key.
import { writeFileSync } from "node:fs";
import { AuditDb, AuditLog } from "@parmanasystems/audit-db";
import { generateKeyPair, LocalSigner } from "@parmanasystems/core";
import { attestation } from "../../common.js";

const logKeys = generateKeyPair();
export const logPublicKeyPem: string = logKeys.publicKeyPem;

const db = new AuditDb(process.env.DATABASE_URL);
await db.migrate();
await db.recordDecision(attestation);
const log = new AuditLog(db, {
  origin: "audit.example.com/decisions",
  signer: new LocalSigner(logKeys.privateKeyPem),
  publicKey: logPublicKeyPem,
});
await log.publishCheckpoint();
writeFileSync("proof.json", JSON.stringify(await log.proveDecision(attestation.executionId)));
await db.close();
