// What this proves beyond the unit tests: the GRANTs the README gives are enough for an
// application role to record and read (with autoMigrate off) and PostgresReplayStore to work, and
// such a role cannot UPDATE, DELETE or TRUNCATE audit rows even with the triggers out of the way:
// it lacks the privileges, and only an owner can disable a trigger. Postgres only (PGlite has no
// roles worth testing).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AuditDb, PostgresReplayStore } from "@parmanasystems/audit-db";
import { claimSignals, claimsIssuer } from "../helpers/claims.js";
import { DATABASE_URL, postgresUnavailableReason, uniqueSchema } from "../helpers/databases.js";

const reason = await postgresUnavailableReason();
const run = reason === undefined || process.env["CI"] === "true";
if (!run) console.warn(`[skipped] ${reason}`);

const schema = uniqueSchema();
const role = `audit_app_${randomBytes(4).toString("hex")}`;
const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
const appUrl = (() => {
  const url = new URL(DATABASE_URL);
  url.username = role;
  url.password = "";
  return url.toString();
})();

beforeAll(async () => {
  if (!run) return;
  const owner = new AuditDb(DATABASE_URL, { schema });
  await owner.migrate();
  await owner.close();
  const s = `"${schema}"`;
  // The README's GRANTs, for this schema.
  await admin.query(`CREATE ROLE ${role} LOGIN`);
  await admin.query(`GRANT USAGE ON SCHEMA ${s} TO ${role}`);
  await admin.query(
    `GRANT SELECT, INSERT ON ${s}.audit_decisions, ${s}.audit_overrides, ${s}.audit_override_claims, ${s}.audit_verifications, ${s}.audit_security_events, ${s}.audit_api_access TO ${role}`,
  );
  await admin.query(
    `GRANT SELECT ON ${s}.audit_decision_timeline, ${s}.audit_security_dashboard, ${s}.audit_schema_migrations TO ${role}`,
  );
  await admin.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${role}`);
  await admin.query(`GRANT SELECT, INSERT, UPDATE ON ${s}.audit_replay_keys TO ${role}`);
  await admin.query(
    `GRANT SELECT, INSERT ON ${s}.audit_log_leaves, ${s}.audit_log_nodes, ${s}.audit_log_checkpoints TO ${role}`,
  );
  await admin.query(`GRANT SELECT, UPDATE ON ${s}.audit_log_state TO ${role}`);
});

afterAll(async () => {
  if (run) {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
  }
  await admin.end();
});

it.skipIf(!run)(
  "an INSERT/SELECT-only role records, reads and reserves, and can change nothing",
  async () => {
    const issuer = claimsIssuer();
    const { attestation, signals } = await issuer.decide("grant-1", claimSignals(5));
    const app = new AuditDb(appUrl, { schema, autoMigrate: false });
    // autoMigrate on is fine too once the schema is migrated: it only reads the migrations table.
    const appMigrating = new AuditDb(appUrl, { schema });
    try {
      expect((await app.recordDecision(attestation, { signals })).status).toBe("recorded");
      await app.recordVerification("grant-1", {
        valid: true,
        checks: { signature_verified: true },
      });
      expect((await app.getDecisionById("grant-1"))?.verification_valid).toBe(true);
      expect((await appMigrating.getStats()).total_decisions).toBe("1");
      const store = new PostgresReplayStore(app);
      await store.confirm("k", await store.reserve("k"));
      expect(await store.hasExecuted("k")).toBe(true);
      const raw = new pg.Client({ connectionString: appUrl });
      await raw.connect();
      try {
        for (const sql of [
          `UPDATE "${schema}".audit_decisions SET decision = 'approve'`,
          `DELETE FROM "${schema}".audit_decisions`,
          `TRUNCATE "${schema}".audit_verifications`,
          `ALTER TABLE "${schema}".audit_decisions DISABLE TRIGGER audit_decisions_append_only`,
        ]) {
          const error = await raw.query(sql).then(
            () => undefined,
            (e: unknown) => e as { code?: string },
          );
          expect(error?.code, sql).toBe("42501"); // insufficient_privilege
        }
      } finally {
        await raw.end();
      }
    } finally {
      await app.close();
      await appMigrating.close();
    }
  },
);
