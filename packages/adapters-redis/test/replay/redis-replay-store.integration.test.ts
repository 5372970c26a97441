// RedisReplayStore against the real local Redis (REDIS_URL): the key layout and values on the
// server, the fenced reserve/confirm/release contract, compatibility with the documented
// store's data, executeFromSignals end to end, and that bad input writes nothing. What unit tests
// cannot show: that the SET NX PX and the Lua compare-and-set behave so on a real server.
import {
  executeFromSignals,
  InvariantError,
  ReplayError,
  StoreError,
  verifyAttestation,
} from "@parmanasystems/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RedisReplayStore } from "../../src/index.js";
import { APPROVED_SIGNALS, keyMaterial, paymentPolicies } from "../helpers/decision-fixtures.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
import {
  REDIS_URL,
  redisUnavailableReason,
  runId,
  serverSuite,
  sleep,
} from "../helpers/redis-servers.js";

/** The documented RedisReplayStore's methods that the compatibility test calls. */
interface DocumentedStore {
  reserve(fingerprint: string): Promise<void>;
  confirm(fingerprint: string): Promise<void>;
  hasExecuted(fingerprint: string): Promise<boolean>;
  disconnect(): Promise<void>;
}

// The RedisReplayStore class exactly as the product's adapters documentation prints it, from the
// verbatim copy that docs-tests compiles (seeds/adapters-guide/redis-store.ts). It is loaded at
// run time, not imported: its `import Redis from "ioredis"` runs under Node but does not
// type-check under this project's NodeNext resolution (docs-tests pins those two diagnostics).
const DOCUMENTED_STORE = "../../../../docs-tests/seeds/adapters-guide/redis-store.ts";
const { RedisReplayStore: DocumentedRedisReplayStore } = (await import(DOCUMENTED_STORE)) as {
  RedisReplayStore: new (redisUrl: string) => DocumentedStore;
};

const reason = await redisUnavailableReason();
const suite = serverSuite(reason);
const run = runId();

suite("RedisReplayStore on a real Redis", () => {
  let raw: Redis;
  let store: RedisReplayStore;
  const prefix = `parmana-test:${run}:`;
  const keysWritten = async (): Promise<string[]> => (await raw.keys(`${prefix}*`)).sort();

  beforeAll(() => {
    raw = new Redis(REDIS_URL);
    store = new RedisReplayStore(raw, { prefix });
  });
  afterAll(async () => {
    await store.disconnect();
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
  });

  it("reserve writes reserved:<token> with the reservation TTL; a second reserve is INV-013", async () => {
    const token = await store.reserve("loan:app-1");
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await raw.get(`${prefix}loan:app-1`)).toBe(`reserved:${token}`);
    const ttl = await raw.pttl(`${prefix}loan:app-1`);
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
    const error = await expectRejectsParmanaError(
      store.reserve("loan:app-1"),
      "INV-013",
      ReplayError,
      "[INV-013] Replay detected: loan:app-1",
    );
    expect(error.retryable).toBe(false);
    expect(await store.status("loan:app-1")).toBe("reserved");
    expect(await store.hasExecuted("loan:app-1")).toBe(false);
  });

  it("confirm with the token writes confirmed without expiry; then the key is decided", async () => {
    const token = await store.reserve("loan:app-2");
    await store.confirm("loan:app-2", token);
    expect(await raw.get(`${prefix}loan:app-2`)).toBe("confirmed");
    expect(await raw.pttl(`${prefix}loan:app-2`)).toBe(-1);
    expect(await store.hasExecuted("loan:app-2")).toBe(true);
    await expectRejectsParmanaError(store.reserve("loan:app-2"), "INV-013", ReplayError);
    // The same token again: the key is decided, this attempt holds nothing.
    await expectRejectsParmanaError(
      store.confirm("loan:app-2", token),
      "INV-REPLAY-003",
      InvariantError,
      "Cannot confirm loan:app-2: it is already confirmed",
    );
    // Release never undoes a decision.
    await store.release("loan:app-2", token);
    await store.release("loan:app-2");
    expect(await raw.get(`${prefix}loan:app-2`)).toBe("confirmed");
  });

  it("a wrong token neither confirms nor releases another attempt's reservation", async () => {
    const token = await store.reserve("loan:app-3");
    const other = "AAAAAAAAAAAAAAAAAAAAAA";
    await expectRejectsParmanaError(
      store.confirm("loan:app-3", other),
      "INV-REPLAY-003",
      InvariantError,
      "another attempt's reservation holds it",
    );
    await store.release("loan:app-3", other);
    expect(await raw.get(`${prefix}loan:app-3`)).toBe(`reserved:${token}`);
    await store.release("loan:app-3", token);
    expect(await raw.exists(`${prefix}loan:app-3`)).toBe(0);
    // Released: a retry reserves at once; the old token cannot confirm the new reservation.
    const retry = await store.reserve("loan:app-3");
    await expectRejectsParmanaError(
      store.confirm("loan:app-3", token),
      "INV-REPLAY-003",
      InvariantError,
    );
    await store.confirm("loan:app-3", retry);
    expect(await store.hasExecuted("loan:app-3")).toBe(true);
  });

  it("a lapsed reservation cannot confirm, nor free the attempt that took the key over", async () => {
    const fast = new RedisReplayStore(raw, { prefix, reservationTtlMs: 100 });
    const slow = await fast.reserve("loan:lapse");
    await sleep(200);
    expect(await fast.status("loan:lapse")).toBe("unknown");
    await expectRejectsParmanaError(
      fast.confirm("loan:lapse", slow),
      "INV-REPLAY-003",
      InvariantError,
      "Cannot confirm loan:lapse: it was never reserved, was released, or its reservation expired",
    );
    const taker = await store.reserve("loan:lapse");
    await expectRejectsParmanaError(
      fast.confirm("loan:lapse", slow),
      "INV-REPLAY-003",
      InvariantError,
      "another attempt's reservation holds it",
    );
    await fast.release("loan:lapse", slow);
    expect(await raw.get(`${prefix}loan:lapse`)).toBe(`reserved:${taker}`);
    await store.confirm("loan:lapse", taker);
    expect(await store.hasExecuted("loan:lapse")).toBe(true);
  });

  it("without a token (the documented form) confirm and release act on any reservation", async () => {
    await store.reserve("loan:seed-form");
    await store.confirm("loan:seed-form");
    expect(await raw.get(`${prefix}loan:seed-form`)).toBe("confirmed");
    await store.confirm("loan:seed-form"); // idempotent, as in MemoryReplayStore
    await store.reserve("loan:seed-release");
    await store.release("loan:seed-release");
    expect(await raw.exists(`${prefix}loan:seed-release`)).toBe(0);
    await expectRejectsParmanaError(
      store.confirm("loan:never-reserved"),
      "INV-REPLAY-003",
      InvariantError,
      "it was never reserved",
    );
    expect(await raw.exists(`${prefix}loan:never-reserved`)).toBe(0);
  });

  it("confirmedTtlMs gives decided keys a retention; markExecuted uses it too", async () => {
    const retained = new RedisReplayStore(raw, { prefix, confirmedTtlMs: 60_000 });
    const token = await retained.reserve("loan:retained");
    await retained.confirm("loan:retained", token);
    const ttl = await raw.pttl(`${prefix}loan:retained`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await retained.markExecuted("loan:history");
    expect(await raw.get(`${prefix}loan:history`)).toBe("confirmed");
    expect(await raw.pttl(`${prefix}loan:history`)).toBeGreaterThan(50_000);
    await store.markExecuted("loan:history-forever");
    expect(await raw.pttl(`${prefix}loan:history-forever`)).toBe(-1);
  });

  it("of 200 concurrent reserves on one key exactly one gets a token", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => store.reserve("loan:race")),
    );
    const won = results.filter((result) => result.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as ReplayError).code).toBe("INV-013");
    }
  });

  it("reads data of the documented RedisReplayStore class, and that class reads ours", async () => {
    const key = `compat-${run}`;
    const documented = new DocumentedRedisReplayStore(REDIS_URL);
    const ours = new RedisReplayStore(REDIS_URL); // default prefix parmana:replay:
    try {
      await documented.reserve(`${key}-a`);
      expect(await ours.status(`${key}-a`)).toBe("reserved");
      await expectRejectsParmanaError(ours.reserve(`${key}-a`), "INV-013", ReplayError);
      await expectRejectsParmanaError(
        ours.confirm(`${key}-a`, "AAAAAAAAAAAAAAAAAAAAAA"),
        "INV-REPLAY-003",
        InvariantError,
      );
      await documented.confirm(`${key}-a`);
      expect(await ours.hasExecuted(`${key}-a`)).toBe(true);

      const token = await ours.reserve(`${key}-b`);
      await expect(documented.reserve(`${key}-b`)).rejects.toThrow(
        `[INV-013] Replay detected: ${key}-b`,
      );
      expect(await documented.hasExecuted(`${key}-b`)).toBe(false);
      await ours.confirm(`${key}-b`, token);
      expect(await documented.hasExecuted(`${key}-b`)).toBe(true);
    } finally {
      await raw.del(`parmana:replay:${key}-a`, `parmana:replay:${key}-b`);
      await documented.disconnect();
      await ours.disconnect();
    }
  });

  it("a key holding a value this library does not write is STORE-003, and is left alone", async () => {
    await raw.set(`${prefix}foreign`, "something-else");
    await raw.hset(`${prefix}foreign-hash`, "a", "b");
    await expectRejectsParmanaError(
      store.hasExecuted("foreign"),
      "STORE-003",
      StoreError,
      /holds a value this library does not write/,
    );
    await expectRejectsParmanaError(store.confirm("foreign"), "STORE-003", StoreError);
    await expectRejectsParmanaError(store.hasExecuted("foreign-hash"), "STORE-003", StoreError);
    await expectRejectsParmanaError(store.confirm("foreign-hash"), "STORE-003", StoreError);
    await expectRejectsParmanaError(store.reserve("foreign"), "INV-013", ReplayError);
    await store.release("foreign");
    expect(await raw.get(`${prefix}foreign`)).toBe("something-else");
  });

  it("bad keys and tokens are coded errors and write nothing", async () => {
    const before = await keysWritten();
    const token = await store.reserve("loan:token-checks");
    for (const key of [undefined, null, 7, "", "k\ud800", "é".repeat(513)]) {
      await expectRejectsParmanaError(
        store.reserve(key as never),
        "INV-REPLAY-004",
        InvariantError,
        /replay key must be/,
      );
      await expectRejectsParmanaError(
        store.confirm(key as never, token),
        "INV-REPLAY-004",
        InvariantError,
      );
      await expectRejectsParmanaError(
        store.release(key as never),
        "INV-REPLAY-004",
        InvariantError,
      );
      await expectRejectsParmanaError(
        store.hasExecuted(key as never),
        "INV-REPLAY-004",
        InvariantError,
      );
      await expectRejectsParmanaError(
        store.markExecuted(key as never),
        "INV-REPLAY-004",
        InvariantError,
      );
    }
    // An empty token would mean "any reservation" to the script: refused before it is sent.
    for (const bad of ["", 12, null, {}, "t".repeat(129)]) {
      await expectRejectsParmanaError(
        store.confirm("loan:token-checks", bad as never),
        "STORE-020",
        StoreError,
        "RedisReplayStore.confirm: the reservation token must be the string reserve returned",
      );
      await expectRejectsParmanaError(
        store.release("loan:token-checks", bad as never),
        "STORE-020",
        StoreError,
      );
    }
    expect(await raw.get(`${prefix}loan:token-checks`)).toBe(`reserved:${token}`);
    expect(await keysWritten()).toEqual([...before, `${prefix}loan:token-checks`].sort());
  });

  it("executeFromSignals decides once with it; the second call is INV-013 and returns nothing", async () => {
    const { signer, verifier } = keyMaterial();
    const options = { replayStore: store, policies: paymentPolicies() };
    const input = {
      executionId: `pay-${run}`,
      policyId: "payment-approval",
      policyVersion: "1.0.0",
      signals: APPROVED_SIGNALS,
    };
    const attestation = await executeFromSignals(input, signer, verifier, options);
    expect(verifyAttestation(attestation, verifier).valid).toBe(true);
    expect(await raw.get(`${prefix}payment-approval:pay-${run}`)).toBe("confirmed");
    await expectRejectsParmanaError(
      executeFromSignals(input, signer, verifier, options),
      "INV-013",
      ReplayError,
      `[INV-013] Replay detected: payment-approval:pay-${run}`,
    );
  });

  it("a failed attempt releases its reservation so a retry proceeds", async () => {
    const { signer, verifier } = keyMaterial();
    const failing = {
      sign: () => {
        throw new Error("HSM offline");
      },
    };
    const input = {
      executionId: `retry-${run}`,
      policyId: "payment-approval",
      policyVersion: "1.0.0",
      signals: APPROVED_SIGNALS,
    };
    const options = { replayStore: store, policies: paymentPolicies() };
    await expect(executeFromSignals(input, failing, verifier, options)).rejects.toThrow();
    expect(await raw.exists(`${prefix}payment-approval:retry-${run}`)).toBe(0);
    const attestation = await executeFromSignals(input, signer, verifier, options);
    expect(attestation.executionId).toBe(`retry-${run}`);
  });

  it("the documented positional form opens its own connection and closes it in disconnect()", async () => {
    const own = new RedisReplayStore(REDIS_URL, { prefix });
    const token = await own.reserve("loan:own");
    await own.confirm("loan:own", token);
    await own.disconnect();
    await own.disconnect(); // idempotent
    await expectRejectsParmanaError(
      own.hasExecuted("loan:own"),
      "STORE-005",
      StoreError,
      "RedisReplayStore was used after disconnect()",
    );
    // A client the caller owns stays open after the store stops.
    const borrowed = new RedisReplayStore({ client: raw, prefix });
    await borrowed.disconnect();
    expect(raw.status).toBe("ready");
    expect(await raw.get(`${prefix}loan:own`)).toBe("confirmed");
  });
});
