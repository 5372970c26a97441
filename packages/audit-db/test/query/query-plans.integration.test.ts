// The plans Postgres chooses for the SQL queryDecisions sends, on a table large enough for the
// planner to care (ANALYZEd, as autovacuum keeps a real one): each common filter shape reads
// through the index made for it, never a sequential scan of the decisions. The SQL is the one
// the AuditDb sent (captured on its pool), explained with the same parameters.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditDb } from "@parmanasystems/audit-db";
import { DATABASE_URL, postgresUnavailableReason, uniqueSchema } from "../helpers/databases.js";

const ROWS = 30_000;
const reason = await postgresUnavailableReason();

describe.skipIf(reason !== undefined)("queryDecisions plans on Postgres", () => {
  const schema = uniqueSchema();
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  const sent: { text: string; values: unknown[] }[] = [];
  let db: AuditDb;

  beforeAll(async () => {
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: unknown }).query = (text: unknown, values: unknown) => {
      if (typeof text === "string" && text.includes("audit_decision_timeline"))
        sent.push({ text, values: values as unknown[] });
      return query(text, values);
    };
    db = new AuditDb(pool, { schema });
    await db.migrate();
    // An audit trail where the inspector's questions are selective: 2% rejects, 1% pending
    // overrides, one policy version in a hundred, a customer tier in a thousand.
    await admin.query(
      `INSERT INTO "${schema}".audit_decisions (execution_id, execution_fingerprint, policy_id,
         policy_version, schema_version, runtime_version, runtime_hash, decision, requires_override,
         execution_state, signals_hash, bundle_hash, signer_key_id, signature, attestation,
         attestation_hash, signals, executed_at)
       SELECT 'plan-' || i, md5(i::text), 'claims-approval', CASE WHEN i % 100 = 7 THEN '2.0.0' ELSE '1.0.0' END,
         '1.0.0', '1.0.0', 'sha256:x',
         CASE WHEN i % 50 = 0 THEN 'reject' WHEN i % 100 = 1 THEN 'manual_review' ELSE 'approve' END,
         i % 100 = 1, CASE WHEN i % 100 = 1 THEN 'pending_override' ELSE 'completed' END,
         md5(i::text), 'sha256:b', 'k', 's', '{}'::jsonb, 'h',
         jsonb_build_object('claim_amount', (i::bigint * 7919) % 2000000,
           'customer_tier', CASE WHEN i % 1009 = 0 THEN 'platinum' ELSE 'gold' END),
         now() - make_interval(secs => i)
       FROM generate_series(1, $1::int) AS i`,
      [ROWS],
    );
    await admin.query(`ANALYZE "${schema}".audit_decisions`);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await pool.end();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  async function planOf(filter: Parameters<AuditDb["queryDecisions"]>[0]): Promise<string> {
    sent.length = 0;
    const page = await db.queryDecisions(filter);
    expect(page.rows.length).toBeGreaterThan(0);
    expect(sent).toHaveLength(1);
    const { text, values } = sent[0]!;
    const result = await admin.query<{ "QUERY PLAN": string }>(`EXPLAIN ${text}`, values);
    return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
  }

  it.each([
    ["a decision", { decision: "reject" }, "audit_decisions_decision_idx"],
    [
      "the inspector's query: a decision and a signal bound",
      { decision: "reject", signals: { all: [{ signal: "claim_amount", greater_than: 500000 }] } },
      "audit_decisions_decision_idx",
    ],
    [
      "a decision, next page",
      { decision: "reject", cursor: "c1.20000" },
      "audit_decisions_decision_idx",
    ],
    [
      "a policy version",
      { policyId: "claims-approval", policyVersion: "2.0.0" },
      "audit_decisions_policy_idx",
    ],
    ["an execution state", { executionState: "pending_override" }, "audit_decisions_state_idx"],
    [
      "a signal equal to a value",
      { signals: { all: [{ signal: "customer_tier", equals: "platinum" }] } },
      "audit_decisions_signals_idx",
    ],
  ] as const)("reads %s through its index", async (_, filter, index) => {
    const plan = await planOf(filter);
    expect(plan).toMatch(
      new RegExp(
        `Index Scan(?: Backward)? using ${index} on audit_decisions|Bitmap Index Scan on ${index}`,
      ),
    );
    expect(plan).not.toMatch(/Seq Scan on audit_decisions/);
  });
});
