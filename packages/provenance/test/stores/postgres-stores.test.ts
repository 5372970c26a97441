import { describe, expect, it } from "vitest";
import { ProvenanceError, canonicalize, ParmanaError } from "@parmanasystems/core";
import {
  PostgresConsumptionStore,
  PostgresLineageStore,
  createExecutionAuthority,
  createLineageEvent,
  type PostgresQueryable,
  type PostgresQueryResult,
} from "@parmanasystems/provenance";
import {
  expectParmanaError,
  expectRejectsParmanaError,
} from "../../../../test-support/expect-parmana-error.js";
import {
  ATTESTATION,
  AUTHORITY_ISSUED,
  EXECUTOR,
  L0,
  copy,
  happyLineage,
} from "../helpers/lifecycle-fixtures.js";

/** Records every statement; answers with `respond`. */
class SpyPool implements PostgresQueryable {
  readonly statements: { text: string; params: unknown[] }[] = [];
  constructor(
    private readonly respond: (
      text: string,
      params: unknown[],
    ) => PostgresQueryResult | Promise<PostgresQueryResult> = () => ({ rows: [] }),
  ) {}
  async query(text: string, params: unknown[] = []): Promise<PostgresQueryResult> {
    this.statements.push({ text, params });
    return this.respond(text, params);
  }
}

const verbs = (pool: SpyPool): string[] =>
  pool.statements.map((statement) => statement.text.trim().split(/\s+/)[0]!.toUpperCase());

describe("PostgresLineageStore (spy pool)", () => {
  it("creates the page's schema and only ever inserts and selects", async () => {
    const pool = new SpyPool();
    const store = new PostgresLineageStore(pool);
    await store.ensureSchema();
    for (const event of happyLineage()) await store.append(event);
    await store.getByExecutionId("loan-42");
    await store.getAll();
    expect(pool.statements[0]!.text).toContain("CREATE TABLE IF NOT EXISTS governance_lineage (");
    for (const column of [
      "id           BIGSERIAL PRIMARY KEY",
      "execution_id TEXT NOT NULL",
      "lineage_hash TEXT NOT NULL UNIQUE",
      "event_json   JSONB NOT NULL",
      "created_at   TIMESTAMPTZ NOT NULL DEFAULT NOW()",
    ]) {
      expect(pool.statements[0]!.text).toContain(column);
    }
    expect(new Set(verbs(pool))).toEqual(new Set(["CREATE", "INSERT", "SELECT"]));
    expect(
      pool.statements.some((statement) =>
        /\b(UPDATE|DELETE|TRUNCATE|DROP|ALTER)\b/i.test(statement.text),
      ),
    ).toBe(false);
  });

  it("inserts execution_id, lineage_hash and the canonical event as parameters", async () => {
    const pool = new SpyPool();
    const event = happyLineage()[0]!;
    await new PostgresLineageStore(pool, { tableName: "lineage_test" }).append(event);
    expect(pool.statements).toEqual([
      {
        text: "INSERT INTO lineage_test (execution_id, lineage_hash, event_json) VALUES ($1, $2, $3::jsonb)",
        params: ["loan-42", event.lineageHash, canonicalize(event)],
      },
    ]);
  });

  it("refuses malformed, tampered or execution-less events before sending anything (PROV-030)", async () => {
    const pool = new SpyPool();
    const store = new PostgresLineageStore(pool);
    const tampered = copy(happyLineage()[1]!);
    tampered.type = "x";
    const orphan = createLineageEvent({ type: "x", payload: 1, previousHash: null, timestamp: L0 });
    await expectRejectsParmanaError(
      store.append(tampered),
      "PROV-030",
      ParmanaError,
      /lineageHash does not match/,
    );
    await expectRejectsParmanaError(
      store.append(orphan),
      "PROV-030",
      ParmanaError,
      /metadata.executionId is required/,
    );
    await expectRejectsParmanaError(store.append(null as never), "PROV-030");
    await expectRejectsParmanaError(store.getByExecutionId("" as never), "PROV-030");
    expect(pool.statements).toEqual([]);
  });

  it("maps a unique violation to PROV-031 and other failures to retryable PROV-032", async () => {
    const duplicate = Object.assign(
      new Error(
        'duplicate key value violates unique constraint "governance_lineage_lineage_hash_key"',
      ),
      { code: "23505" },
    );
    const dupStore = new PostgresLineageStore(new SpyPool(() => Promise.reject(duplicate)));
    const error = await expectRejectsParmanaError(
      dupStore.append(happyLineage()[0]!),
      "PROV-031",
      ParmanaError,
      /already stored; the lineage is append-only/,
    );
    expect(error.retryable).toBe(false);
    const downStore = new PostgresLineageStore(
      new SpyPool(() => Promise.reject(new Error("ECONNREFUSED"))),
    );
    const down = await expectRejectsParmanaError(
      downStore.append(happyLineage()[0]!),
      "PROV-032",
      ParmanaError,
      /Postgres failed: ECONNREFUSED/,
    );
    expect(down.retryable).toBe(true);
    await expectRejectsParmanaError(downStore.getAll(), "PROV-032");
    await expectRejectsParmanaError(downStore.ensureSchema(), "PROV-032");
  });

  it("reports a row Postgres refuses for what it is (a NUL character: SQLSTATE 22P05) as PROV-032 with retryable: false", async () => {
    for (const code of ["22P05", "22021", "42P01", "23502"]) {
      const refused = Object.assign(new Error("unsupported Unicode escape sequence"), { code });
      const store = new PostgresLineageStore(new SpyPool(() => Promise.reject(refused)));
      const error = await expectRejectsParmanaError(store.append(happyLineage()[0]!), "PROV-032");
      expect(error.retryable).toBe(false);
    }
    for (const code of ["08006", "57P01", "40001", "53300", "ECONNRESET"]) {
      const passing = Object.assign(new Error("connection lost"), { code });
      const store = new PostgresLineageStore(new SpyPool(() => Promise.reject(passing)));
      const error = await expectRejectsParmanaError(store.append(happyLineage()[0]!), "PROV-032");
      expect(error.retryable).toBe(true);
    }
  });

  it("reads event_json as an object or as text, and refuses unreadable rows (PROV-032, not retryable)", async () => {
    const event = happyLineage()[0]!;
    const rows = [{ event_json: event }, { event_json: JSON.stringify(event) }];
    expect(await new PostgresLineageStore(new SpyPool(() => ({ rows }))).getAll()).toEqual([
      event,
      event,
    ]);
    const bad = await expectRejectsParmanaError(
      new PostgresLineageStore(new SpyPool(() => ({ rows: [{ event_json: "{" }] }))).getAll(),
      "PROV-032",
    );
    expect(bad.retryable).toBe(false);
    await expectRejectsParmanaError(
      new PostgresLineageStore(new SpyPool(() => ({ rows: [{ event_json: 5 }] }))).getAll(),
      "PROV-032",
    );
    await expectRejectsParmanaError(
      new PostgresLineageStore(new SpyPool(() => ({}) as never)).getAll(),
      "PROV-032",
      ParmanaError,
      /no rows array/,
    );
  });

  it("refuses unsafe table names and pools without query (PROV-021)", () => {
    for (const tableName of ["Lineage", "lineage; DROP TABLE x", "1abc", "a".repeat(47), ""]) {
      expectParmanaError(
        () => new PostgresLineageStore(new SpyPool(), { tableName }),
        "PROV-021",
        ProvenanceError,
        /tableName must match/,
      );
    }
    expectParmanaError(
      () => new PostgresLineageStore({} as never),
      "PROV-021",
      ProvenanceError,
      /pool must have query\(\)/,
    );
  });
});

describe("PostgresConsumptionStore (spy pool)", () => {
  const token = createExecutionAuthority({
    executionId: "loan-42",
    attestationHash: ATTESTATION,
    authorizedAction: "disburse_loan",
    authorizedParameters: null,
    executorIdentity: EXECUTOR,
    ttlSeconds: 300,
    issuedAt: AUTHORITY_ISSUED,
  });
  const clock = () => Date.parse("2024-05-01T10:01:00.000Z");

  it("consumes with INSERT ... ON CONFLICT (authority_hash) DO NOTHING RETURNING, and never updates", async () => {
    const table = new Map<string, unknown[]>();
    const pool = new SpyPool((text, params) => {
      if (text.startsWith("INSERT")) {
        if (table.has(params[0] as string)) return { rows: [] };
        table.set(params[0] as string, params);
        return { rows: [{ authority_hash: params[0] }] };
      }
      if (text.startsWith("SELECT")) {
        const row = table.get(params[0] as string);
        return {
          rows:
            row === undefined
              ? []
              : [
                  {
                    authority_hash: row[0],
                    execution_id: row[1],
                    consumer_identity: row[2],
                    consumed_at: row[3],
                  },
                ],
        };
      }
      return { rows: [] };
    });
    const store = new PostgresConsumptionStore(pool, { clock });
    await store.ensureSchema();
    expect(await store.getStatus(token)).toBe("available");
    expect(await store.consume(token, EXECUTOR)).toBe(true);
    expect(await store.consume(token, EXECUTOR)).toBe(false);
    expect(await store.getStatus(token)).toBe("consumed");
    expect(await store.get(token.authorityHash)).toEqual({
      consumed: true,
      consumedAt: "2024-05-01T10:01:00.000Z",
      consumerIdentity: EXECUTOR,
    });
    const insert = pool.statements.find((statement) => statement.text.startsWith("INSERT"))!;
    expect(insert.text).toContain("ON CONFLICT (authority_hash) DO NOTHING");
    expect(insert.params).toEqual([
      token.authorityHash,
      "loan-42",
      EXECUTOR,
      "2024-05-01T10:01:00.000Z",
      token.nonce,
      token.expiresAt,
    ]);
    expect(pool.statements[0]!.text).toContain("authority_hash    TEXT PRIMARY KEY");
    expect(new Set(verbs(pool))).toEqual(new Set(["CREATE", "INSERT", "SELECT"]));
  });

  it("fails closed when the pool errors: consume → false, status → PROV-026 retryable, gate inputs deny", async () => {
    const store = new PostgresConsumptionStore(
      new SpyPool(() => Promise.reject(new Error("terminating connection"))),
      { clock },
    );
    expect(await store.consume(token, EXECUTOR)).toBe(false);
    expect(
      await store.consume({
        authorityHash: token.authorityHash,
        executionId: "e",
        consumerIdentity: "c",
        consumedAt: "2024-05-01T10:01:00.000Z",
      }),
    ).toEqual({ consumed: false });
    const error = await expectRejectsParmanaError(
      store.getStatus(token),
      "PROV-026",
      ParmanaError,
      /Postgres is unavailable, failing closed: terminating connection/,
    );
    expect(error.retryable).toBe(true);
    await expectRejectsParmanaError(store.get(token.authorityHash), "PROV-026");
    const odd = new PostgresConsumptionStore(new SpyPool(() => ({ rows: "x" }) as never), {
      clock,
    });
    expect(await odd.consume(token, EXECUTOR)).toBe(false);
  });
});
