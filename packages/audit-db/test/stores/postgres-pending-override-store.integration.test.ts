// What this proves beyond the unit tests: pending overrides recorded by executeFromSignals into
// the audit database can be resolved from other instances, exactly once each, and the signed
// resolutions land in audit_overrides beside the pending rows (append-only: a pending row is
// never updated). On Postgres the resolvers are separate OS processes (built package); PGlite
// serves one process, so there they are concurrent stores on one PGlite.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, expect, it } from "vitest";
import {
  approveOverride,
  OverrideError,
  ParmanaError,
  StoreError,
  verifyOverride,
} from "@parmanasystems/core";
import { PostgresPendingOverrideStore } from "@parmanasystems/audit-db";
import { claimsIssuer } from "../helpers/claims.js";
import { DATABASE_URL, forEachEngine, type OpenedDb } from "../helpers/databases.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const run = promisify(execFile);
const AUDIT_DIST = new URL("../../dist/index.js", import.meta.url).href;
const CORE_DIST = new URL("../../../core/dist/index.js", import.meta.url).href;
const WORKER = fileURLToPath(new URL("../helpers/override-worker.mjs", import.meta.url));
const RESOLVERS = 4;
const PENDING = 30;

const dir = mkdtempSync(join(tmpdir(), "audit-db-overrides-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Large claims (above 500000, active, low fraud) are pending_override under the test policy.
const large = (i: number) => ({
  claim_amount: 600_000 + i,
  policy_active: true,
  fraud_score: 1,
  customer_tier: "gold" as const,
});

forEachEngine("PostgresPendingOverrideStore", (engine) => {
  let opened: OpenedDb;
  afterEach(async () => {
    await opened?.dispose();
  });

  it("records pending decisions from executeFromSignals and finds them from another instance", async () => {
    opened = await engine.open();
    const probe = claimsIssuer();
    const store = new PostgresPendingOverrideStore(opened.db, {
      signer: probe.signer,
      verifier: probe.verifier,
    });
    const issuer = claimsIssuer({ pendingOverrideStore: store });
    const { attestation } = await issuer.decide("po-1", large(1));
    expect(attestation.execution_state).toBe("pending_override");
    const other = new PostgresPendingOverrideStore(opened.another(), {
      signer: issuer.signer,
      verifier: issuer.verifier,
    });
    const found = await other.find({ executionId: "po-1" });
    expect(found).toMatchObject({
      ruleId: "review-large-claim",
      overrideRoles: ["claims-manager"],
      resolved: false,
    });
    expect(found!.attestation).toEqual(JSON.parse(JSON.stringify(attestation)));
    expect(
      await other.find({ execution_fingerprint: attestation.execution_fingerprint }),
    ).toMatchObject({ resolved: false });
    expect(
      await other.find({ executionId: "po-1", execution_fingerprint: "0".repeat(64) }),
    ).toBeUndefined();
    const record = await approveOverride(
      {
        executionId: "po-1",
        approved_by: "ana@example.com",
        approver_role: "claims-manager",
        reason: "documents checked",
      },
      { store: other },
    );
    expect(verifyOverride(record, attestation, issuer.verifier).valid).toBe(true);
    await expectRejectsParmanaError(
      approveOverride(
        {
          executionId: "po-1",
          approved_by: "bo@example.com",
          approver_role: "claims-manager",
          reason: "again",
        },
        { store },
      ),
      "SYS-022",
      OverrideError,
    );
    expect(await other.markResolved("po-1")).toBe(false);
    expect(await other.markResolved("unknown")).toBe(false);
    expect(
      () => new PostgresPendingOverrideStore(opened.db, { signer: issuer.signer } as never),
    ).toThrow(StoreError);
  });

  it(`${RESOLVERS} resolvers racing over ${PENDING} pending decisions: each resolved exactly once`, async () => {
    opened = await engine.open();
    const probe = claimsIssuer();
    const store = new PostgresPendingOverrideStore(opened.db, {
      signer: probe.signer,
      verifier: probe.verifier,
    });
    const issuer = claimsIssuer({ pendingOverrideStore: store });
    const ids: string[] = [];
    for (let i = 0; i < PENDING; i++)
      ids.push((await issuer.decide(`race-${i}`, large(i))).attestation.executionId);
    let counts: { approved: number; alreadyResolved: number }[];
    if (engine.name === "postgres") {
      const keyPath = join(dir, `${opened.schema}.pem`);
      writeFileSync(keyPath, issuer.privateKeyPem);
      counts = await Promise.all(
        Array.from({ length: RESOLVERS }, async () => {
          const { stdout } = await run(process.execPath, [
            WORKER,
            AUDIT_DIST,
            CORE_DIST,
            DATABASE_URL,
            opened.schema,
            keyPath,
            JSON.stringify(ids),
          ]);
          return JSON.parse(stdout) as { approved: number; alreadyResolved: number };
        }),
      );
    } else {
      counts = await Promise.all(
        Array.from({ length: RESOLVERS }, async (_, r) => {
          const db = opened.another();
          const own = new PostgresPendingOverrideStore(db, {
            signer: issuer.signer,
            verifier: issuer.verifier,
          });
          const c = { approved: 0, alreadyResolved: 0 };
          await Promise.all(
            ids.map(async (executionId) => {
              try {
                const record = await approveOverride(
                  {
                    executionId,
                    approved_by: `resolver-${r}@example.com`,
                    approver_role: "claims-manager",
                    reason: "reviewed",
                  },
                  { store: own },
                );
                await db.recordOverride(record, { signatureType: "ed25519" });
                c.approved += 1;
              } catch (error) {
                if (ParmanaError.isInstance(error) && error.code === "SYS-022")
                  c.alreadyResolved += 1;
                else throw error;
              }
            }),
          );
          return c;
        }),
      );
    }
    const approved = counts.reduce((n, c) => n + c.approved, 0);
    const refused = counts.reduce((n, c) => n + c.alreadyResolved, 0);
    expect(approved).toBe(PENDING);
    expect(refused).toBe(PENDING * (RESOLVERS - 1));
    const s = `"${opened.schema}"`;
    const rows = await opened.superuser(
      `SELECT resolution_status, count(*)::int AS n FROM ${s}.audit_overrides GROUP BY resolution_status ORDER BY 1`,
    );
    expect(rows.rows).toEqual([
      { resolution_status: "approved", n: PENDING },
      { resolution_status: "pending", n: PENDING },
    ]);
    const claims = await opened.superuser(
      `SELECT count(*)::int AS n FROM ${s}.audit_override_claims`,
    );
    expect(claims.rows[0]!["n"]).toBe(PENDING);
    for (const id of ids.slice(0, 3))
      expect((await store.find({ executionId: id }))!.resolved).toBe(true);
  }, 120_000);
});
