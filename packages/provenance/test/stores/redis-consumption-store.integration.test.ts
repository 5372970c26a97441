import { ParmanaError } from "@parmanasystems/core";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
// Integration suite against a real Redis server (REDIS_URL, default redis://127.0.0.1:6379).
// What the unit tests with a fake client cannot prove:
// - that `SET key value NX` / `SET key value PX ms NX` as sent by the store are accepted by a real
//   server and are atomic across separate connections (500 concurrent consumers, 10 connections);
// - that an ioredis `Redis` instance satisfies RedisConsumptionClient both at type level and at
//   runtime (argument order of PX/NX);
// - that consumed keys really expire `expiryGraceMs` after the authority's expiresAt;
// - that a real client whose connection is closed rejects promptly, so the store fails closed.
// Skips with the reason when Redis is unreachable, unless CI=true.
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  RedisConsumptionStore,
  consumeExecutionAuthority,
  evaluateExecutionGate,
  verifyAuthorityConsumption,
  verifyExecutionAuthority,
} from "@parmanasystems/provenance";
import { EXECUTOR, raceRecordFormConsumers, testAuthority } from "../helpers/lifecycle-fixtures.js";
import {
  REDIS_URL,
  redisUnavailableReason,
  runId,
  serverSuite,
} from "../../../../test-support/servers.js";

const reason = await redisUnavailableReason();
const prefix = `parmana-test:${runId()}:consumed`;
const NOW = "2024-05-01T10:01:00.000Z";
const clock = () => Date.parse(NOW);

serverSuite(reason)(`RedisConsumptionStore against ${REDIS_URL}`, () => {
  const clients: Redis[] = [];
  const connect = (): Redis => {
    const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(client);
    return client;
  };
  let admin: Redis;

  beforeAll(() => {
    admin = connect();
  });

  afterAll(async () => {
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length > 0) await admin.del(...keys);
    for (const client of clients) client.disconnect();
  });

  it("lets exactly one of 500 concurrent consumers over 10 connections consume an authority", async () => {
    const token = testAuthority("redis-concurrent");
    const stores = Array.from(
      { length: 10 },
      () => new RedisConsumptionStore(connect(), prefix, { clock }),
    );
    const results = await Promise.all(
      Array.from({ length: 500 }, (_v, index) =>
        consumeExecutionAuthority({
          authority: token,
          consumerIdentity: EXECUTOR,
          store: stores[index % 10]!,
          currentTime: NOW,
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await stores[3]!.getStatus(token)).toBe("consumed");
    const stored = JSON.parse(
      (await admin.get(`${prefix}:${token.authorityHash}`)) as string,
    ) as Record<string, unknown>;
    expect(stored).toMatchObject({
      authorityHash: token.authorityHash,
      consumerIdentity: EXECUTOR,
      consumedAt: NOW,
      nonce: token.nonce,
    });
  });

  it("lets exactly one of 500 concurrent record-form consumers win (page example)", async () => {
    const token = testAuthority("redis-record-form");
    const store = new RedisConsumptionStore(connect(), prefix);
    const { winners } = await raceRecordFormConsumers(store, token, 500, NOW);
    expect(winners).toHaveLength(1);
    expect(await store.get(token.authorityHash)).toEqual({
      consumed: true,
      consumedAt: NOW,
      consumerIdentity: winners[0]!.consumerIdentity,
    });
    expect(await admin.pttl(`${prefix}:${token.authorityHash}`)).toBe(-1); // record form: no expiry
  });

  it("sets PX so that the key outlives expiresAt by the grace period, and then disappears", async () => {
    const token = testAuthority("redis-expiry");
    const expiresMs = Date.parse(token.expiresAt);
    const store = new RedisConsumptionStore(connect(), prefix, {
      clock: () => expiresMs - 150,
      expiryGraceMs: 0,
    });
    expect(await store.consume(token, EXECUTOR)).toBe(true);
    const ttl = await admin.pttl(`${prefix}:${token.authorityHash}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(150);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await admin.exists(`${prefix}:${token.authorityHash}`)).toBe(0);
    const graced = testAuthority("redis-grace");
    await new RedisConsumptionStore(connect(), prefix, { clock }).consume(graced, EXECUTOR);
    const gracedTtl = await admin.pttl(`${prefix}:${graced.authorityHash}`);
    expect(gracedTtl).toBeGreaterThan(Date.parse(graced.expiresAt) - clock() + 300_000 - 5_000);
  });

  it("fails closed on a closed connection: consume → false, status → PROV-026, the gate denies naming consumption", async () => {
    const client = connect();
    await client.ping();
    client.disconnect();
    const store = new RedisConsumptionStore(client, prefix, { clock, operationTimeoutMs: 2000 });
    const token = testAuthority("redis-closed");
    expect(await store.consume(token, EXECUTOR)).toBe(false);
    expect(
      await consumeExecutionAuthority({
        authority: token,
        consumerIdentity: EXECUTOR,
        store,
        currentTime: NOW,
      }),
    ).toBe(false);
    const error = await expectRejectsParmanaError(
      store.getStatus(token),
      "PROV-026",
      ParmanaError,
      /Redis is unavailable, failing closed/,
    );
    expect(error.retryable).toBe(true);
    const gate = evaluateExecutionGate({
      authority: verifyExecutionAuthority(token, { executorIdentity: EXECUTOR, currentTime: NOW }),
      consumption: await verifyAuthorityConsumption({
        authority: token,
        consumerIdentity: EXECUTOR,
        store,
        currentTime: NOW,
      }),
    });
    expect(gate).toMatchObject({ allowed: false, failedChecks: ["consumption"] });
    expect(gate.reasons[0]).toMatch(
      /^consumption: consumption store failed, failing closed: \[PROV-026\]/,
    );
    // Nothing was written for it.
    expect(await admin.exists(`${prefix}:${token.authorityHash}`)).toBe(0);
  });

  it("fails closed when the server cannot be reached at all (deadline)", async () => {
    const client = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      maxRetriesPerRequest: null,
      retryStrategy: () => 50,
    });
    client.on("error", () => {});
    clients.push(client);
    const store = new RedisConsumptionStore(client, prefix, { clock, operationTimeoutMs: 300 });
    const token = testAuthority("redis-unreachable");
    expect(await store.consume(token, EXECUTOR)).toBe(false);
    await expectRejectsParmanaError(store.getStatus(token), "PROV-026");
  });
});
