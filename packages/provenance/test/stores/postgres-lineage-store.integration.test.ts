import { ParmanaError } from "@parmanasystems/core";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
// Integration suite against a real PostgreSQL server (DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test), through a real `pg` Pool.
// What the unit tests with a spy pool cannot prove:
// - that the schema created by ensureSchema is valid SQL, idempotent, and has the page's columns;
// - that the UNIQUE constraint on lineage_hash really refuses appending the same event twice
//   (SQLSTATE 23505 → PROV-031), also under concurrent appends;
// - that events survive the JSONB round trip (key reordering, number and Unicode handling) with
//   their hashes intact, so verifyPersistedLineage still passes on what comes back;
// - that a pg Pool satisfies PostgresQueryable at type level and at runtime.
// Each run uses its own table, dropped afterwards. Skips with the reason when Postgres is
// unreachable, unless CI=true.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  PostgresLineageStore,
  createLineageEvent,
  verifyPersistedLineage,
  type PostgresQueryable,
} from "@parmanasystems/provenance";
import {
  ATTESTATION,
  EXECUTION_ID,
  chainOf,
  happyLineage,
  happySteps,
} from "../helpers/lifecycle-fixtures.js";
import {
  DATABASE_URL,
  postgresUnavailableReason,
  runId,
  serverSuite,
} from "../../../../test-support/servers.js";

const reason = await postgresUnavailableReason();
const tableName = `gov_lineage_${runId()}`;

serverSuite(reason)(`PostgresLineageStore against ${DATABASE_URL}`, () => {
  let pool: pg.Pool;
  const sent: string[] = [];
  let spied: PostgresQueryable;

  beforeAll(() => {
    pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
    // A spy on the structural client: every statement the store sends, on a real pool.
    spied = {
      query: (text, params) => {
        sent.push(text);
        return pool.query(text, params);
      },
    };
  });

  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${tableName}`);
    await pool.end();
  });

  it("creates the table idempotently with the page's columns", async () => {
    const store = new PostgresLineageStore(pool, { tableName });
    await store.ensureSchema();
    await store.ensureSchema();
    const columns = await pool.query<{
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position",
      [tableName],
    );
    expect(columns.rows).toEqual([
      { column_name: "id", data_type: "bigint", is_nullable: "NO" },
      { column_name: "execution_id", data_type: "text", is_nullable: "NO" },
      { column_name: "lineage_hash", data_type: "text", is_nullable: "NO" },
      { column_name: "event_json", data_type: "jsonb", is_nullable: "NO" },
      { column_name: "created_at", data_type: "timestamp with time zone", is_nullable: "NO" },
    ]);
  });

  it("appends a chain and reads it back intact, in order, through JSONB", async () => {
    const store = new PostgresLineageStore(spied, { tableName });
    const steps = happySteps();
    steps[0]!.metadata = {
      ...steps[0]!.metadata,
      note: "सत्यापित ✓",
      ratio: 0.1,
      big: 12345678901234,
      nested: { z: 1, a: [true, null] },
    };
    const events = chainOf(steps);
    for (const event of events) await store.append(event);
    const stored = await store.getByExecutionId(EXECUTION_ID);
    expect(stored).toEqual(events);
    expect(verifyPersistedLineage(stored)).toEqual({
      valid: true,
      errors: [],
      continuity: { ordered: true, appendOnly: true, tamperFree: true },
    });
    expect(await store.getByExecutionId("no-such-execution")).toEqual([]);
  });

  it("refuses appending the same lineageHash twice (PROV-031), and the table keeps one row", async () => {
    const store = new PostgresLineageStore(spied, { tableName });
    const event = createLineageEvent({
      type: "decision_authorized",
      payload: { n: 1 },
      previousHash: null,
      timestamp: "2024-06-01T00:00:00.000Z",
      metadata: { executionId: "dup-1", attestationHash: ATTESTATION },
    });
    await store.append(event);
    await expectRejectsParmanaError(
      store.append(event),
      "PROV-031",
      ParmanaError,
      /already stored; the lineage is append-only/,
    );
    const concurrent = await Promise.allSettled(
      Array.from({ length: 20 }, () => store.append(event)),
    );
    expect(concurrent.every((outcome) => outcome.status === "rejected")).toBe(true);
    expect(await store.getByExecutionId("dup-1")).toEqual([event]);
  });

  it("exposes a tampered row to verifyPersistedLineage (the database itself is not trusted)", async () => {
    const store = new PostgresLineageStore(spied, { tableName });
    const events = chainOf(
      happySteps().map((step) => ({
        ...step,
        metadata: { executionId: "tamper-1", attestationHash: ATTESTATION },
      })),
    );
    for (const event of events) await store.append(event);
    // An operator edits a row directly, outside the store.
    await pool.query(
      `UPDATE ${tableName} SET event_json = jsonb_set(event_json, '{type}', '"execution_requested"') WHERE lineage_hash = $1`,
      [events[3]!.lineageHash],
    );
    const result = verifyPersistedLineage(await store.getByExecutionId("tamper-1"));
    expect(result.continuity).toEqual({ ordered: true, appendOnly: true, tamperFree: false });
  });

  it("never sent anything but CREATE, INSERT and SELECT", async () => {
    const store = new PostgresLineageStore(spied, { tableName });
    await store.ensureSchema();
    await store.getAll();
    expect(sent.length).toBeGreaterThan(10);
    for (const text of sent)
      expect(text.trim().split(/\s+/)[0]).toMatch(/^(CREATE|INSERT|SELECT)$/);
    expect(sent.some((text) => /\b(UPDATE|DELETE|TRUNCATE|DROP|ALTER)\b/i.test(text))).toBe(false);
  });

  it("a NUL character, which JSONB cannot store, is a permanent PROV-032 (retryable: false)", async () => {
    const store = new PostgresLineageStore(pool, { tableName });
    const [event] = chainOf([
      {
        ...happySteps()[0]!,
        metadata: { executionId: EXECUTION_ID, attestationHash: ATTESTATION, note: "bank\u0000" },
      },
    ]);
    const error = await expectRejectsParmanaError(store.append(event!), "PROV-032");
    expect(error.retryable).toBe(false);
  });

  it("fails with a retryable PROV-032 when the pool errors, and writes nothing", async () => {
    const broken = new pg.Pool({
      connectionString: DATABASE_URL.replace(/:\d+\//, ":1/"),
      connectionTimeoutMillis: 1000,
    });
    const store = new PostgresLineageStore(broken, { tableName });
    const error = await expectRejectsParmanaError(store.append(happyLineage()[0]!), "PROV-032");
    expect(error.retryable).toBe(true);
    await broken.end();
  });
});
