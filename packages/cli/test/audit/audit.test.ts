import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { writePolicy } from "../helpers/fixtures.js";
import { makeAttestations } from "../helpers/make-attestations.js";
import { describeBuilt, makeWorkspace, runParmana, STACK_FRAME } from "../helpers/run-parmana.js";

const AUDIT_DIST = new URL("../../../audit-db/dist/index.js", import.meta.url).href;
// PGlite as the audit-db package resolves it (the workspace folder has no copy of its own).
const PGLITE = pathToFileURL(
  join(
    dirname(
      createRequire(new URL("../../../audit-db/package.json", import.meta.url)).resolve(
        "@electric-sql/pglite",
      ),
    ),
    "index.js",
  ),
).href;
const COUNT = 40;

/**
 * Records `attestations.ndjson` into the embedded database of `cwd` with the built audit-db, in a
 * child process (an embedded database is opened by one process at a time). Attestation i decided
 * `{ credit_score: 500 + i, loan_amount: 1000 }`.
 */
function recordAll(cwd: string): void {
  const script = `
    import { readFileSync } from "node:fs";
    const { AuditDb } = await import(${JSON.stringify(AUDIT_DIST)});
    const db = new AuditDb();
    const lines = readFileSync("attestations.ndjson", "utf8").trim().split("\\n");
    await db.recordDecisions(lines.map((line, i) => ({ attestation: JSON.parse(line), signals: { credit_score: 500 + i, loan_amount: 1000 } })));
    await db.close();
  `;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`recording failed: ${result.stderr}`);
}

/** Edits one row as the table owner would, with the append-only trigger disabled. */
function tamper(cwd: string, executionId: string): void {
  const script = `
    const { PGlite } = await import(${JSON.stringify(PGLITE)});
    const db = new PGlite(".parmana/audit-db");
    await db.exec("ALTER TABLE audit_decisions DISABLE TRIGGER audit_decisions_append_only");
    await db.query("UPDATE audit_decisions SET attestation = jsonb_set(attestation, '{decision,action}', '\\"approve\\"'), decision = 'approve' WHERE execution_id = $1", [${JSON.stringify(executionId)}]);
    await db.exec("ALTER TABLE audit_decisions ENABLE TRIGGER audit_decisions_append_only");
    await db.close();
  `;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`tampering failed: ${result.stderr}`);
}

describeBuilt("parmana audit", () => {
  const workspace = makeWorkspace("audit");
  afterAll(workspace.cleanup);
  const cwd = workspace.dir;

  beforeAll(async () => {
    writePolicy(join(cwd, "policies"));
    expect((await runParmana(["keygen", "--out", "keys"], { cwd })).code).toBe(0);
    makeAttestations({
      cwd,
      keyPath: "keys/private.pem",
      policyDir: "policies/loan-approval/1.0.0",
      count: COUNT,
      ndjsonPath: "attestations.ndjson",
    });
  }, 120_000);

  it("refuses to read a database that is not there (CLI-030), then migrate creates it", async () => {
    const missing = await runParmana(["audit", "stats"], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^parmana: \[CLI-030\] no audit database at \.parmana\/audit-db/,
    );
    const migrated = await runParmana(["audit", "migrate"], { cwd });
    expect(migrated.stderr).toBe("");
    expect(migrated.stdout).toBe("applied migrations 1, 2, 3, 100; schema version 100\n");
    const again = await runParmana(["audit", "migrate", "--json"], { cwd });
    expect(JSON.parse(again.stdout)).toEqual({ applied: [], version: 100, unknownVersions: [] });
  }, 120_000);

  it("stats, query with a signals condition, and paging", async () => {
    recordAll(cwd);
    const stats = await runParmana(["audit", "stats", "--json"], { cwd });
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({
      total_decisions: String(COUNT),
      total_verifications: "0",
    });
    // Scores 500..539: all below 600, so every decision is a reject; ask for the ones above 530.
    const query = await runParmana(
      [
        "audit",
        "query",
        "--decision",
        "reject",
        "--signals",
        '{"signal":"credit_score","greater_than":530}',
        "--json",
      ],
      { cwd },
    );
    expect(query.code).toBe(0);
    const rows = query.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { execution_id: string });
    expect(rows.map((r) => r.execution_id)).toEqual(
      Array.from({ length: 9 }, (_, i) => `app-${39 - i}`),
    );
    const paged = await runParmana(["audit", "query", "--limit", "15"], { cwd });
    expect(paged.stdout).toMatch(/15 decisions\nnext page: --cursor c1\.\d+\n$/);
    const bad = await runParmana(["audit", "query", "--signals", "{not json"], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^parmana: \[CLI-031\] --signals is not JSON/);
    const badCondition = await runParmana(
      ["audit", "query", "--signals", '{"signal":"credit_score",">":5}'],
      { cwd },
    );
    expect(badCondition.code).toBe(2);
    expect(badCondition.stderr).toMatch(/^parmana: \[STORE-056\] .*POL-014/);
    expect(badCondition.stderr).not.toMatch(STACK_FRAME);
  }, 120_000);

  it("export | verify attestation verifies every stored attestation with the public key alone", async () => {
    const exported = await runParmana(["audit", "export"], { cwd });
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split("\n")).toHaveLength(COUNT);
    const verified = await runParmana(
      ["verify", "attestation", "--key", "keys/public.pem", "--quiet"],
      { cwd, input: exported.stdout },
    );
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`${COUNT} valid`));
  }, 120_000);

  it("audit verify: all valid (exit 0), then a tampered row is named (exit 1)", async () => {
    const ok = await runParmana(["audit", "verify", "--key", "keys/public.pem"], { cwd });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^✓ ${COUNT} checked: ${COUNT} valid, 0 invalid`));
    tamper(cwd, "app-7");
    const bad = await runParmana(["audit", "verify", "--key", "keys/public.pem", "--json"], {
      cwd,
    });
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as {
      invalid: number;
      failures: { execution_id: string; errors: string[] }[];
    };
    expect(report.invalid).toBe(1);
    expect(report.failures.map((f) => f.execution_id)).toEqual(["app-7"]);
    expect(report.failures[0]!.errors.join(" ")).toMatch(/INV-VERIFY-002/);
    const usage = await runParmana(["audit", "verify"], { cwd });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/\[CLI-001\] give exactly one of --key/);
  }, 120_000);
});
