import { ParmanaError } from "@parmanasystems/core";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
// Integration suite against a real PostgreSQL server (DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test), through a real `pg` Pool.
// What the unit tests with a spy pool cannot prove:
// - that INSERT ... ON CONFLICT (authority_hash) DO NOTHING RETURNING on the primary key lets
//   exactly one of 500 concurrent consumers win across 20 pooled connections;
// - that the record form and the authority form share rows on a real table;
// - that a pool that errors (ended, or pointed at a closed port) makes consumption fail closed
//   and the gate deny with the failed check named.
// Each run uses its own table, dropped afterwards. Skips with the reason when Postgres is
// unreachable, unless CI=true.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  PostgresConsumptionStore,
  consumeExecutionAuthority,
  evaluateExecutionGate,
  verifyAuthorityConsumption,
  verifyExecutionAuthority,
} from "@parmanasystems/provenance";
import { EXECUTOR, raceRecordFormConsumers, testAuthority } from "../helpers/lifecycle-fixtures.js";
import {
  DATABASE_URL,
  postgresUnavailableReason,
  runId,
  serverSuite,
} from "../../../../test-support/servers.js";

const reason = await postgresUnavailableReason();
const tableName = `gov_consumption_${runId()}`;
const NOW = "2024-05-01T10:01:00.000Z";
const clock = () => Date.parse(NOW);

serverSuite(reason)(`PostgresConsumptionStore against ${DATABASE_URL}`, () => {
  let pool: pg.Pool;
  let store: PostgresConsumptionStore;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: DATABASE_URL, max: 20 });
    store = new PostgresConsumptionStore(pool, { tableName, clock });
    await store.ensureSchema();
  });

  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${tableName}`);
    await pool.end();
  });

  it("lets exactly one of 500 concurrent consumers consume an authority", async () => {
    const token = testAuthority("pg-concurrent");
    expect(await store.getStatus(token)).toBe("available");
    const results = await Promise.all(
      Array.from({ length: 500 }, () =>
        consumeExecutionAuthority({
          authority: token,
          consumerIdentity: EXECUTOR,
          store,
          currentTime: NOW,
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.getStatus(token)).toBe("consumed");
    const rows = await pool.query(
      `SELECT authority_hash, nonce, consumer_identity, consumed_at FROM ${tableName} WHERE authority_hash = $1`,
      [token.authorityHash],
    );
    expect(rows.rows).toEqual([
      {
        authority_hash: token.authorityHash,
        nonce: token.nonce,
        consumer_identity: EXECUTOR,
        consumed_at: NOW,
      },
    ]);
  });

  it("lets exactly one of 500 concurrent record-form consumers win, and the authority form sees it", async () => {
    const token = testAuthority("pg-record-form");
    const { results, winners } = await raceRecordFormConsumers(store, token, 500, NOW);
    expect(winners).toHaveLength(1);
    expect(
      results
        .filter((result) => !result.consumed)
        .every((result) => result.consumerIdentity === winners[0]!.consumerIdentity),
    ).toBe(true);
    expect(await store.consume(token, EXECUTOR)).toBe(false);
    expect(await store.get(token.authorityHash)).toEqual({
      consumed: true,
      consumedAt: NOW,
      consumerIdentity: winners[0]!.consumerIdentity,
    });
  });

  it("fails closed when the pool errors: consume → false, status → PROV-026, the gate denies naming consumption", async () => {
    const ended = new pg.Pool({ connectionString: DATABASE_URL });
    await ended.end();
    const closedPort = new pg.Pool({
      connectionString: DATABASE_URL.replace(/:\d+\//, ":1/"),
      connectionTimeoutMillis: 1000,
    });
    for (const broken of [ended, closedPort]) {
      const failing = new PostgresConsumptionStore(broken, { tableName, clock });
      const token = testAuthority("pg-broken");
      expect(await failing.consume(token, EXECUTOR)).toBe(false);
      expect(
        await consumeExecutionAuthority({
          authority: token,
          consumerIdentity: EXECUTOR,
          store: failing,
          currentTime: NOW,
        }),
      ).toBe(false);
      const error = await expectRejectsParmanaError(
        failing.getStatus(token),
        "PROV-026",
        ParmanaError,
        /Postgres is unavailable, failing closed/,
      );
      expect(error.retryable).toBe(true);
      const gate = evaluateExecutionGate({
        authority: verifyExecutionAuthority(token, {
          executorIdentity: EXECUTOR,
          currentTime: NOW,
        }),
        consumption: await verifyAuthorityConsumption({
          authority: token,
          consumerIdentity: EXECUTOR,
          store: failing,
          currentTime: NOW,
        }),
      });
      expect(gate).toMatchObject({ allowed: false, failedChecks: ["consumption"] });
      expect(gate.reasons[0]).toMatch(
        /^consumption: consumption store failed, failing closed: \[PROV-026\]/,
      );
    }
    await closedPort.end();
    // The healthy store never saw it.
    expect(await store.getStatus(testAuthority("pg-broken"))).toBe("available");
  });
});
