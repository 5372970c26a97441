// A separate process resolving overrides: it finds pending decisions through its own
// PostgresPendingOverrideStore (built package) and approves each of them; prints its counts.
// argv: <audit-db dist url> <core dist url> <database url> <schema> <private key pem path> <ids json>
import { readFileSync } from "node:fs";

const [auditUrl, coreUrl, databaseUrl, schema, keyPath, idsJson] = process.argv.slice(2);
const { AuditDb, PostgresPendingOverrideStore } = await import(auditUrl);
const { approveOverride, LocalSigner, LocalVerifier } = await import(coreUrl);
const signer = new LocalSigner(readFileSync(keyPath, "utf8"));
const verifier = new LocalVerifier(signer.publicKeyPem);
const db = new AuditDb(databaseUrl, { schema });
const store = new PostgresPendingOverrideStore(db, { signer, verifier });
const counts = { approved: 0, alreadyResolved: 0 };
await Promise.all(
  JSON.parse(idsJson).map(async (executionId) => {
    try {
      const record = await approveOverride(
        {
          executionId,
          approved_by: `worker-${process.pid}@example.com`,
          approver_role: "claims-manager",
          reason: "reviewed",
        },
        { store },
      );
      await db.recordOverride(record, { signatureType: "ed25519" });
      counts.approved += 1;
    } catch (error) {
      if (error.code === "SYS-022") counts.alreadyResolved += 1;
      else throw error;
    }
  }),
);
await db.close();
process.stdout.write(JSON.stringify(counts));
