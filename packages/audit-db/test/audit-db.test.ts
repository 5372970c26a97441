import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeAll, expect, it } from "vitest";
import {
  canonicalize,
  StoreError,
  verifyAttestation,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { AuditDb } from "@parmanasystems/audit-db";
import { claimSignals, claimsIssuer, type DecidedClaim } from "./helpers/claims.js";
import {
  DATABASE_URL,
  forEachEngine,
  postgresUnavailableReason,
  uniqueSchema,
  type OpenedDb,
} from "./helpers/databases.js";
import {
  expectParmanaError,
  expectRejectsParmanaError,
} from "../../../test-support/expect-parmana-error.js";

const issuer = claimsIssuer();
const claims: DecidedClaim[] = [];
beforeAll(async () => {
  for (let i = 0; i < 12; i++) claims.push(await issuer.decide(`aud-${i}`, claimSignals(i)));
});

it("refuses unknown options, wrong types and wrong clients with STORE-001", () => {
  expectParmanaError(
    () => new AuditDb(":memory:", { schemaName: "x" } as never),
    "STORE-001",
    StoreError,
    /no option "schemaName"/,
  );
  expectParmanaError(() => new AuditDb({ connectionString: 5 } as never), "STORE-001", StoreError);
  expectParmanaError(
    () => new AuditDb("mysql://localhost/x"),
    "STORE-001",
    StoreError,
    /postgres:\/\//,
  );
  expectParmanaError(
    () => new AuditDb(new pg.Client() as never),
    "STORE-001",
    StoreError,
    /pass a pg\.Pool/,
  );
  expectParmanaError(
    () => new AuditDb(":memory:", { schema: "Robert'); DROP" }),
    "STORE-001",
    StoreError,
    /lowercase identifier/,
  );
  expectParmanaError(
    () => new AuditDb(":memory:", { maxQueueSize: 5 }),
    "STORE-001",
    StoreError,
    /only with background/,
  );
  expectParmanaError(
    () => new AuditDb(":memory:", { background: true, maxQueueSize: 0 }),
    "STORE-001",
    StoreError,
  );
});

it("new AuditDb() keeps an embedded database in ./.parmana/audit-db that survives a restart", async () => {
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), "audit-db-embedded-"));
  process.chdir(dir);
  try {
    const first = new AuditDb();
    expect(first.engine).toBe("pglite");
    await first.recordDecision(claims[0]!.attestation);
    await first.close();
    await expectRejectsParmanaError(first.ping(), "STORE-005", StoreError, /after close/);
    const second = new AuditDb({ dataDir: join(dir, ".parmana", "audit-db") });
    expect(await second.ping()).toBe(true);
    expect((await second.getDecisionById("aud-0"))?.execution_id).toBe("aud-0");
    await second.close();
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

const postgresReason = await postgresUnavailableReason();
it.skipIf(postgresReason !== undefined && process.env["CI"] !== "true")(
  "accepts a connection string, { connectionString } and a pg.Pool it leaves open; unreachable is STORE-002",
  async () => {
    const schema = uniqueSchema();
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    try {
      for (const db of [
        new AuditDb(DATABASE_URL, { schema }),
        new AuditDb({ connectionString: DATABASE_URL, schema }),
        new AuditDb(pool, { schema }),
        new AuditDb({ client: pool, schema }),
      ]) {
        expect(db.engine).toBe("postgres");
        expect(await db.ping()).toBe(true);
        await db.close();
      }
      expect((await pool.query("SELECT 1 AS one")).rows[0].one).toBe(1);
      const down = new AuditDb("postgres://postgres@127.0.0.1:1/none", {
        operationTimeoutMs: 2000,
      });
      const error = await expectRejectsParmanaError(
        down.ping(),
        "STORE-002",
        StoreError,
        /unavailable/,
      );
      expect(error.retryable).toBe(true);
      expect(error.message).not.toMatch(/postgres:\/\//);
      await down.close();
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    }
  },
);

forEachEngine("export and background writes", (engine) => {
  let opened: OpenedDb;
  afterEach(async () => {
    await opened?.dispose();
  });

  it("exports NDJSON of canonical attestations, in recording order, filtered, each verifying", async () => {
    opened = await engine.open();
    await opened.db.recordDecisions(
      claims.map(({ attestation, signals }) => ({ attestation, signals })),
    );
    let text = "";
    for await (const chunk of opened.db.exportDecisions({ decision: "reject" }))
      text += String(chunk);
    const lines = text.trimEnd().split("\n");
    const expected = claims.filter((c) => c.attestation.decision.action === "reject");
    expect(lines).toEqual(expected.map((c) => canonicalize(c.attestation)));
    for (const line of lines)
      expect(
        verifyAttestation(JSON.parse(line) as ExecutionAttestation, issuer.verifier).valid,
      ).toBe(true);
    expect(() => opened.db.exportDecisions({ signals: { signal: "x", gt: 1 } } as never)).toThrow(
      /\[STORE-056\]/,
    );
  });

  it("background mode: queued writes land after flush(); failures and drops are reported, never silent", async () => {
    const reported: { code: string; kind: string }[] = [];
    opened = await engine.open({
      background: true,
      maxQueueSize: 3,
      onWriteError: (error, write) =>
        reported.push({ code: (error as StoreError).code, kind: write.kind }),
    });
    await opened.db.migrate();
    // Five calls in one tick: the queue holds three, two are dropped.
    const results = await Promise.all(
      claims.slice(0, 5).map((claim) => opened.db.recordDecision(claim.attestation)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses).toEqual(["queued", "queued", "queued", "dropped", "dropped"]);
    await opened.db.flush();
    // A conflicting write fails in the database: reported with STORE-057 and counted.
    await opened.db.recordDecision({ ...claims[6]!.attestation, executionId: "aud-0" });
    await opened.db.flush();
    const stats = await opened.db.getStats();
    expect(stats.total_decisions).toBe("3");
    expect(stats.background).toEqual({ queued: 0, written: 3, failed: 1, dropped: 2 });
    expect(reported).toEqual([
      { code: "STORE-057", kind: "decision" },
      { code: "STORE-057", kind: "decision" },
      { code: "STORE-057", kind: "decision" },
    ]);
    // Bad input is still refused at the call, before anything is queued.
    await expectRejectsParmanaError(opened.db.recordDecision({} as never), "STORE-052", StoreError);
  });
});
