/**
 * DynamoReplayStore against dynalite (an independent DynamoDB implementation) through the real
 * DynamoDBClient over HTTP. What only a real server shows: the conditional writes are atomic
 * (1,000 concurrent reserves on one key → exactly one), an expired item that TTL has not deleted
 * yet is reclaimable, a lapsed token cannot confirm or release, the items carry the documented
 * attributes, and a killed or hung endpoint fails closed within operationTimeoutMs.
 */
import {
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { InvariantError, ReplayError, StoreError } from "@parmanasystems/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReplayTable, DynamoReplayStore } from "../../src/index.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { everythingShown } from "../helpers/everything-shown.js";
import { DynamoTestServer, startSilentServer } from "../helpers/dynamo-test-server.js";

let server: DynamoTestServer;
let client: DynamoDBClient;
const TABLE = "parmana-replay";

beforeAll(async () => {
  server = await DynamoTestServer.start();
  client = server.client();
  await createReplayTable(client, TABLE);
});

afterAll(async () => {
  await server.shutdown();
});

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2026, 0, 1)): {
  clock: () => Date;
  advance: (ms: number) => void;
} {
  let now = start;
  return { clock: () => new Date(now), advance: (ms) => (now += ms) };
}

let keyCounter = 0;
const freshKey = (): string => `payment-approval:pay-${process.pid}-${++keyCounter}`;

async function rawItem(key: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: TABLE,
      Key: { fingerprint: { S: key } },
      ConsistentRead: true,
    }),
  );
  return Item;
}

describe("createReplayTable", () => {
  it("creates the documented table: fingerprint (S) hash key, PAY_PER_REQUEST, TTL on ttl; idempotent", async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: "fingerprint", KeyType: "HASH" }]);
    expect(Table?.AttributeDefinitions).toEqual([
      { AttributeName: "fingerprint", AttributeType: "S" },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(Table?.TableStatus).toBe("ACTIVE");
    expect(server.timeToLive.get(TABLE)).toBe("ttl");
    expect(await createReplayTable(client, TABLE)).toEqual({ tableName: TABLE, created: false });
  });

  it("fails with STORE-030 naming the operation when DynamoDB refuses", async () => {
    const error = await expectRejectsParmanaError(
      createReplayTable(client, "x"),
      "STORE-030",
      StoreError,
      /CreateTable answered ValidationException/,
    );
    expect(error.retryable).toBe(false);
  });
});

describe("DynamoReplayStore: the fenced contract", () => {
  it("reserve → token; confirm(key, token) → hasExecuted; the items carry fingerprint, status, ttl", async () => {
    const { clock } = manualClock();
    const store = new DynamoReplayStore({
      client,
      tableName: TABLE,
      clock,
      reservationTtlMs: 60_000,
    });
    const key = freshKey();
    const token = await store.reserve(key);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(await rawItem(key)).toEqual({
      fingerprint: { S: key },
      status: { S: "reserved" },
      ttl: { N: String(Date.UTC(2026, 0, 1) / 1000 + 60) },
      token: { S: token },
    });
    expect(await store.hasExecuted(key)).toBe(false);
    await store.confirm(key, token);
    expect(await store.hasExecuted(key)).toBe(true);
    expect(await rawItem(key)).toMatchObject({
      status: { S: "confirmed" },
      ttl: { N: String(Date.UTC(2026, 0, 1) / 1000 + 30 * 86400) },
    });
    // An SDK retry of a confirm that succeeded succeeds again.
    await store.confirm(key, token);
    await expectRejectsParmanaError(
      store.reserve(key),
      "INV-013",
      ReplayError,
      `Replay detected: ${key}`,
    );
  });

  it("1,000 concurrent reserves on one key: exactly one succeeds, 999 get INV-013", async () => {
    // A generous deadline: 1,000 requests queue behind the SDK's 50 sockets on a shared CPU.
    const store = new DynamoReplayStore({ client, tableName: TABLE, operationTimeoutMs: 60_000 });
    const key = freshKey();
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, () => store.reserve(key)),
    );
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter(
      (result): result is PromiseRejectedResult => result.status === "rejected",
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(999);
    for (const result of lost) {
      expect(result.reason).toBeInstanceOf(ReplayError);
      expect((result.reason as ReplayError).code).toBe("INV-013");
    }
    expect((await rawItem(key))?.["token"]).toEqual({
      S: (won[0] as PromiseFulfilledResult<string>).value,
    });
  }, 120_000);

  it("an expired reservation that DynamoDB has not deleted yet is reclaimable; the old token then cannot confirm", async () => {
    const { clock, advance } = manualClock();
    const store = new DynamoReplayStore({
      client,
      tableName: TABLE,
      clock,
      reservationTtlMs: 5_000,
    });
    const key = freshKey();
    const first = await store.reserve(key);
    advance(4_000);
    await expectRejectsParmanaError(store.reserve(key), "INV-013", ReplayError);
    advance(2_000);
    // Still present (TTL deletion is lazy), but expired: claimable.
    expect((await rawItem(key))?.["token"]).toEqual({ S: first });
    const second = await store.reserve(key);
    expect(second).not.toBe(first);
    await expectRejectsParmanaError(
      store.confirm(key, first),
      "INV-REPLAY-003",
      InvariantError,
      /held by another attempt/,
    );
    await store.release(key, first);
    expect((await rawItem(key))?.["token"]).toEqual({ S: second });
    await store.confirm(key, second);
    expect(await store.hasExecuted(key)).toBe(true);
  });

  it("a lapsed token cannot confirm even when nobody took the key, and the item stays as it was", async () => {
    const { clock, advance } = manualClock();
    const store = new DynamoReplayStore({
      client,
      tableName: TABLE,
      clock,
      reservationTtlMs: 1_000,
    });
    const key = freshKey();
    const token = await store.reserve(key);
    const before = await rawItem(key);
    advance(3_000);
    const error = await expectRejectsParmanaError(
      store.confirm(key, token),
      "INV-REPLAY-003",
      InvariantError,
    );
    expect(error.retryable).toBe(false);
    expect(await rawItem(key)).toEqual(before);
    expect(await store.hasExecuted(key)).toBe(false);
  });

  it("an expired confirmed record (past confirmedTtlMs) is no longer executed and is reclaimable", async () => {
    const { clock, advance } = manualClock();
    const store = new DynamoReplayStore({
      client,
      tableName: TABLE,
      clock,
      confirmedTtlMs: 10_000,
    });
    const key = freshKey();
    await store.confirm(key, await store.reserve(key));
    advance(12_000);
    expect(await store.hasExecuted(key)).toBe(false);
    expect(await store.reserve(key)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("release(key, token) frees the key at once; a foreign token or a confirmed key is a no-op", async () => {
    const store = new DynamoReplayStore({ client, tableName: TABLE });
    const key = freshKey();
    const token = await store.reserve(key);
    await store.release(key, "not-the-token");
    await expectRejectsParmanaError(store.reserve(key), "INV-013", ReplayError);
    await store.release(key, token);
    expect(await rawItem(key)).toBeUndefined();
    const again = await store.reserve(key);
    await store.confirm(key, again);
    await store.release(key, again);
    expect(await store.hasExecuted(key)).toBe(true);
  });

  it("seed callers: confirm(key) without a token confirms the live reservation; with none it is INV-REPLAY-003", async () => {
    const store = new DynamoReplayStore({ client, tableName: TABLE });
    const key = freshKey();
    await expectRejectsParmanaError(store.confirm(key), "INV-REPLAY-003", InvariantError);
    expect(await rawItem(key)).toBeUndefined();
    await store.reserve(key);
    await store.confirm(key);
    expect(await store.hasExecuted(key)).toBe(true);
    const other = freshKey();
    await store.reserve(other);
    await store.release(other);
    expect(await rawItem(other)).toBeUndefined();
  });

  it("markExecuted records a decided key without a reservation", async () => {
    const store = new DynamoReplayStore({ client, tableName: TABLE });
    const key = freshKey();
    await store.markExecuted(key);
    expect(await store.hasExecuted(key)).toBe(true);
    await expectRejectsParmanaError(store.reserve(key), "INV-013", ReplayError);
  });

  it("refuses bad keys (INV-REPLAY-004) before any request", async () => {
    const store = new DynamoReplayStore({ client, tableName: TABLE });
    const before = server.count();
    await expectRejectsParmanaError(store.reserve(""), "INV-REPLAY-004", InvariantError);
    await expectRejectsParmanaError(store.reserve(7 as never), "INV-REPLAY-004", InvariantError);
    await expectRejectsParmanaError(
      store.hasExecuted("k".repeat(2049)),
      "INV-REPLAY-004",
      InvariantError,
      /2049 bytes/,
    );
    expect(server.count()).toBe(before);
  });

  it("reports an item it did not write as STORE-003", async () => {
    const store = new DynamoReplayStore({ client, tableName: TABLE });
    const key = freshKey();
    await client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { fingerprint: { S: key }, status: { S: "other" } },
      }),
    );
    await expectRejectsParmanaError(store.hasExecuted(key), "STORE-003", StoreError);
  });

  it("refuses unknown options and malformed arguments with STORE-001; a closed store with STORE-005", async () => {
    await expectRejectsParmanaError(
      () => new DynamoReplayStore({ client, tableName: TABLE, reservationTTLMs: 5 } as never),
      "STORE-001",
      StoreError,
      /"reservationTTLMs"/,
    );
    await expectRejectsParmanaError(
      () => new DynamoReplayStore({ client, tableName: "" }),
      "STORE-001",
      StoreError,
      /tableName/,
    );
    await expectRejectsParmanaError(
      () => new DynamoReplayStore(TABLE, "us-east-1", -1),
      "STORE-001",
      StoreError,
      /ttlDays/,
    );
    await expectRejectsParmanaError(
      () => new DynamoReplayStore({ client, tableName: TABLE, clock: "now" as never }),
      "STORE-001",
      StoreError,
      /clock/,
    );
    const store = new DynamoReplayStore({ client, tableName: TABLE });
    store.close();
    await expectRejectsParmanaError(store.reserve(freshKey()), "STORE-005", StoreError);
    // The caller's client stays open.
    expect(await new DynamoReplayStore({ client, tableName: TABLE }).hasExecuted(freshKey())).toBe(
      false,
    );
  });
});

describe("DynamoReplayStore: failures fail closed", () => {
  it("a missing table is a retryable INV-REPLAY-005 naming the DynamoDB error", async () => {
    const store = new DynamoReplayStore({ client, tableName: "no-such-table" });
    const error = await expectRejectsParmanaError(
      store.reserve(freshKey()),
      "INV-REPLAY-005",
      InvariantError,
      /ResourceNotFoundException/,
    );
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({
      operation: "reserve",
      providerError: "ResourceNotFoundException",
      httpStatusCode: 400,
    });
    // No credential reaches the error, its details or its cause chain.
    const shown = everythingShown(error);
    expect(shown).not.toContain("AKIDTESTONLY");
    expect(shown).not.toContain("test-secret-not-real");
  });

  it("a killed endpoint fails closed with INV-REPLAY-005 within operationTimeoutMs", async () => {
    const own = await DynamoTestServer.start();
    const ownClient = own.client();
    try {
      await createReplayTable(ownClient, TABLE);
      const store = new DynamoReplayStore({
        client: ownClient,
        tableName: TABLE,
        operationTimeoutMs: 1_500,
      });
      const key = freshKey();
      const token = await store.reserve(key);
      await own.close();
      const started = Date.now();
      const error = await expectRejectsParmanaError(
        store.confirm(key, token),
        "INV-REPLAY-005",
        InvariantError,
      );
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(error.retryable).toBe(true);
      await expectRejectsParmanaError(store.reserve(freshKey()), "INV-REPLAY-005", InvariantError);
    } finally {
      await own.shutdown();
    }
  });

  it("a hung endpoint (accepts, never answers) fails closed with INV-REPLAY-005 DeadlineExceeded", async () => {
    const silent = await startSilentServer();
    const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
    const hungClient = new DynamoDBClient({
      endpoint: silent.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDTESTONLY", secretAccessKey: "test-secret-not-real" },
    });
    try {
      const store = new DynamoReplayStore({
        client: hungClient,
        tableName: TABLE,
        operationTimeoutMs: 400,
      });
      const started = Date.now();
      const error = await expectRejectsParmanaError(
        store.reserve(freshKey()),
        "INV-REPLAY-005",
        InvariantError,
        /DeadlineExceeded/,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(error.retryable).toBe(true);
    } finally {
      hungClient.destroy();
      await silent.close();
    }
  });
});

describe("DynamoReplayStore: the documented positional form", () => {
  it("new DynamoReplayStore(table, region, ttlDays) creates its own client and keeps confirmed keys ttlDays", async () => {
    const previous = { ...process.env };
    process.env["AWS_ENDPOINT_URL_DYNAMODB"] = server.endpoint;
    process.env["AWS_ACCESS_KEY_ID"] = "AKIDTESTONLY";
    process.env["AWS_SECRET_ACCESS_KEY"] = "test-secret-not-real";
    try {
      const store = new DynamoReplayStore(TABLE, "us-east-1", 7);
      const key = freshKey();
      const startedSeconds = Math.floor(Date.now() / 1000);
      await store.confirm(key, await store.reserve(key));
      const ttl = Number(
        (await rawItem(key))?.["ttl"] && ((await rawItem(key))?.["ttl"] as { N: string }).N,
      );
      expect(ttl - startedSeconds).toBeGreaterThanOrEqual(7 * 86400 - 1);
      expect(ttl - startedSeconds).toBeLessThanOrEqual(7 * 86400 + 2);
      store.close();
    } finally {
      process.env = previous;
    }
  });
});
