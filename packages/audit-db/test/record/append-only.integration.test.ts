// What this proves beyond the unit tests: on a real Postgres and on PGlite, the database itself
// refuses UPDATE, DELETE and TRUNCATE of audit rows (triggers, not library discipline), and when a
// superuser disables a trigger and edits a row's decision, signals, signature or an indexed
// column, verifyAll names exactly the edited rows and says why.
import { afterEach, beforeAll, expect, it } from "vitest";
import { StoreError } from "@parmanasystems/core";
import { claimSignals, claimsIssuer, type DecidedClaim } from "../helpers/claims.js";
import { forEachEngine, type OpenedDb } from "../helpers/databases.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const issuer = claimsIssuer();
const claims: DecidedClaim[] = [];
beforeAll(async () => {
  for (let i = 0; i < 8; i++)
    claims.push(await issuer.decide(`tamper-${i}`, claimSignals(i + 100)));
});

const APPEND_ONLY_TABLES = [
  "audit_decisions",
  "audit_overrides",
  "audit_override_claims",
  "audit_verifications",
  "audit_security_events",
];

forEachEngine("append-only audit rows", (engine) => {
  let opened: OpenedDb;
  afterEach(async () => {
    await opened?.dispose();
  });

  async function seed(): Promise<void> {
    await opened.db.recordDecisions(
      claims.map(({ attestation, signals }) => ({ attestation, signals })),
    );
    await opened.db.recordVerification("tamper-0", {
      valid: true,
      checks: { signature_verified: true },
      errors: [],
    });
    await opened.db.recordSecurityEvent({ event_type: "replay_attempt", path: "/execute" });
    await opened.db.recordApiAccess({
      method: "POST",
      path: "/execute",
      status_code: 200,
      response_time_ms: 3,
    });
  }

  async function refused(sql: string): Promise<void> {
    let caught: unknown;
    try {
      await opened.superuser(sql);
    } catch (error) {
      caught = error;
    }
    expect(caught, sql).toBeDefined();
    expect((caught as { code?: string }).code, sql).toBe("PM051");
    expect((caught as Error).message).toMatch(/is refused: audit rows are append-only/);
  }

  it("refuses UPDATE, DELETE and TRUNCATE even for the table owner, and nothing changes", async () => {
    opened = await engine.open();
    await seed();
    const s = `"${opened.schema}"`;
    await refused(`UPDATE ${s}.audit_decisions SET decision = 'approve'`);
    await refused(`DELETE FROM ${s}.audit_decisions WHERE execution_id = 'tamper-1'`);
    await refused(`TRUNCATE ${s}.audit_decisions`);
    await refused(`UPDATE ${s}.audit_verifications SET valid = false`);
    await refused(`DELETE FROM ${s}.audit_verifications`);
    await refused(`TRUNCATE ${s}.audit_verifications`);
    await refused(`UPDATE ${s}.audit_security_events SET severity = 'low'`);
    await refused(`DELETE FROM ${s}.audit_security_events`);
    await refused(`UPDATE ${s}.audit_api_access SET status_code = 500`);
    await refused(`TRUNCATE ${s}.audit_api_access`);
    for (const table of APPEND_ONLY_TABLES) await refused(`TRUNCATE ${s}.${table}`);
    const stats = await opened.db.getStats();
    expect(stats).toMatchObject({
      total_decisions: "8",
      total_verifications: "1",
      total_security_events: "1",
      total_api_calls: "1",
    });
    expect((await opened.db.verifyAll({ verifier: issuer.verifier })).invalid).toBe(0);
  });

  it("a superuser who disables the trigger and edits rows: verifyAll names exactly those rows", async () => {
    opened = await engine.open();
    await seed();
    const s = `"${opened.schema}".audit_decisions`;
    await opened.superuser(`ALTER TABLE ${s} DISABLE TRIGGER audit_decisions_append_only`);
    // 1: the decision inside the signed attestation and the column both say approve.
    await opened.superuser(
      `UPDATE ${s} SET decision = 'approve', attestation = jsonb_set(attestation, '{decision,action}', '"approve"') WHERE execution_id = 'tamper-1'`,
    );
    // 2: the stored signals (what the inspector queries) no longer hash to signalsHash.
    await opened.superuser(
      `UPDATE ${s} SET signals = jsonb_set(signals, '{claim_amount}', '1') WHERE execution_id = 'tamper-2'`,
    );
    // 3: another valid-looking signature.
    await opened.superuser(
      `UPDATE ${s} SET signature = $1, attestation = jsonb_set(attestation, '{signature}', to_jsonb($1::text)) WHERE execution_id = 'tamper-3'`,
      [claims[4]!.attestation.signature],
    );
    // 4: only the indexed column, so queries would lie while the attestation still verifies.
    await opened.superuser(
      `UPDATE ${s} SET decision = 'approve-forged' WHERE execution_id = 'tamper-5'`,
    );
    await opened.superuser(`ALTER TABLE ${s} ENABLE TRIGGER audit_decisions_append_only`);

    const progress: number[] = [];
    const report = await opened.db.verifyAll({
      verifier: issuer.verifier,
      batchSize: 3,
      onProgress: ({ checked, total }) => {
        progress.push(checked);
        expect(total).toBe(8);
      },
    });
    expect(progress).toEqual([3, 6, 8]);
    expect(report).toMatchObject({ checked: 8, valid: 4, invalid: 4, truncated: false });
    expect(report.failures.map((f) => f.execution_id)).toEqual([
      "tamper-1",
      "tamper-2",
      "tamper-3",
      "tamper-5",
    ]);
    const why = Object.fromEntries(
      report.failures.map((f) => [f.execution_id, f.errors.join(" | ")]),
    );
    expect(why["tamper-1"]).toMatch(/\[INV-VERIFY-002\] the signature does not verify/);
    expect(why["tamper-2"]).toMatch(/\[INV-VERIFY-010\] signalsHash/);
    expect(why["tamper-3"]).toMatch(/\[INV-VERIFY-002\]/);
    expect(why["tamper-5"]).toMatch(
      /\[STORE-003\] column decision \("approve-forged"\) differs from the signed attestation/,
    );
    expect(why["tamper-5"]).not.toMatch(/INV-VERIFY/);
  });

  it("maps a trigger refusal reaching the library to STORE-051", async () => {
    opened = await engine.open();
    const { databaseError } = await import("../../src/errors/database-errors.js");
    const error = databaseError(
      Object.assign(new Error("UPDATE on audit_decisions is refused: audit rows are append-only"), {
        code: "PM051",
      }),
      "update",
    );
    await expectRejectsParmanaError(Promise.reject(error), "STORE-051", StoreError, /append-only/);
  });
});
