// Fail-closed behaviour when Redis fails, on a private redis-server this suite starts, kills and
// restarts: Redis down before the call, killed while a call is in flight, stalled, and back
// again. Every call fails with INV-REPLAY-005 (retryable) within operationTimeoutMs, returns no
// attestation and never hangs; after the restart the same store works again. Also: a crashed
// attempt (a process killed while holding a reservation) blocks its key only until
// reservationTtlMs, then a retry succeeds. RedisPendingOverrideStore fails closed the same way
// (STORE-002), and executeFromSignals then returns nothing and gives its replay key back.
import type { ParmanaError } from "@parmanasystems/core";
import {
  executeFromSignals,
  InvariantError,
  LocalSigner,
  MemoryReplayStore,
  ReplayError,
  StoreError,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { RedisPendingOverrideStore, RedisReplayStore } from "../../src/index.js";
import {
  APPROVED_SIGNALS,
  HELD_SIGNALS,
  keyMaterial,
  paymentPolicies,
} from "../helpers/decision-fixtures.js";
import {
  checkParmanaError,
  expectRejectsParmanaError,
} from "../../../../test-support/expect-parmana-error.js";
import {
  PrivateRedisServer,
  redisServerUnavailableReason,
  serverSuite,
  sleep,
} from "../helpers/redis-servers.js";
import { startWorker } from "../helpers/spawn-worker.js";

const TIMEOUT_MS = 300;
/** Scheduling slack on a shared machine on top of the deadline. */
const SLACK_MS = 1_000;

const { signer, verifier, privateKeyPem, publicKeyPem } = keyMaterial();

function input(executionId: string) {
  return {
    executionId,
    policyId: "payment-approval",
    policyVersion: "1.0.0",
    signals: APPROVED_SIGNALS,
  };
}

/** Awaits a call and returns its error and how long it took. */
async function timed(
  call: () => Promise<unknown>,
): Promise<{ error: unknown; ms: number; value?: unknown }> {
  const start = performance.now();
  try {
    const value = await call();
    return { error: undefined, ms: performance.now() - start, value };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

function expectStoreFailure(outcome: { error: unknown; ms: number }): void {
  const error = checkParmanaError(
    outcome.error,
    "INV-REPLAY-005",
    InvariantError,
    /failing closed/,
  );
  expect(error.retryable).toBe(true);
  expect(outcome.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
}

/** Retries `call` until it succeeds or `withinMs` passes. */
async function eventually<T>(call: () => Promise<T>, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

serverSuite(redisServerUnavailableReason())("RedisReplayStore when Redis fails", () => {
  let server: PrivateRedisServer;
  let store: RedisReplayStore;
  const options = () => ({ replayStore: store, policies: paymentPolicies() });

  beforeAll(async () => {
    server = await PrivateRedisServer.start(["--enable-debug-command", "yes"]);
    store = new RedisReplayStore(server.url, { operationTimeoutMs: TIMEOUT_MS });
  });
  // Every test starts with the server up and the store connected.
  beforeEach(async () => {
    if (!server.running) await server.restart();
    await eventually(() => store.hasExecuted("probe"), 8_000);
  });
  afterAll(async () => {
    await store?.disconnect();
    await server?.stop();
  });

  it("Redis down before the call: every operation fails closed within operationTimeoutMs", async () => {
    await server.kill();
    // A store created while Redis is down (the documented form: it opens its own connection).
    const down = new RedisReplayStore(server.url, { operationTimeoutMs: TIMEOUT_MS });
    try {
      for (const existing of [down, store]) {
        expectStoreFailure(await timed(() => existing.reserve("down:a")));
        expectStoreFailure(await timed(() => existing.confirm("down:a", "AAAAAAAAAAAAAAAAAAAAAA")));
        expectStoreFailure(await timed(() => existing.release("down:a")));
        expectStoreFailure(await timed(() => existing.hasExecuted("down:a")));
        expectStoreFailure(await timed(() => existing.markExecuted("down:b")));
        const outcome = await timed(() =>
          executeFromSignals(input("down-1"), signer, verifier, {
            replayStore: existing,
            policies: paymentPolicies(),
          }),
        );
        expect(outcome.value).toBeUndefined();
        expectStoreFailure(outcome);
        expect((outcome.error as ParmanaError).message).toMatch(/did not answer within 300 ms/);
      }
    } finally {
      await down.disconnect();
    }
  });

  it("restarted: the same store works again", async () => {
    await server.kill();
    expectStoreFailure(await timed(() => store.hasExecuted("restart:a")));
    await server.restart();
    const attestation = await eventually(
      () => executeFromSignals(input("after-restart"), signer, verifier, options()),
      8_000,
    );
    expect(attestation.executionId).toBe("after-restart");
    expect(await store.hasExecuted("payment-approval:after-restart")).toBe(true);
  });

  it("a reserve that timed out while Redis was down leaves no reservation once Redis is back", async () => {
    await server.kill();
    expectStoreFailure(await timed(() => store.reserve("late:reserve")));
    await server.restart();
    // ioredis applies the queued SET on reconnection; the store queued a release behind it.
    await eventually(() => store.markExecuted("late:probe"), 8_000);
    expect(await store.status("late:reserve")).toBe("unknown");
    await store.reserve("late:reserve");
  });

  it("killed while a call is in flight: it fails closed, no attestation, then works after restart", async () => {
    // A signer that waits for the test: the key is reserved, then Redis dies before confirm.
    let unblock!: () => void;
    const gate = new Promise<void>((resolve) => (unblock = resolve));
    const inner = new LocalSigner(privateKeyPem);
    const stalling = {
      signerKeyId: inner.signerKeyId,
      sign: async (payload: string) => {
        await gate;
        return inner.sign(payload);
      },
    };
    const call = timed(() =>
      executeFromSignals(input("mid-flight"), stalling, verifier, options()),
    );
    await eventually(async () => {
      if ((await store.status("payment-approval:mid-flight")) !== "reserved")
        throw new Error("not yet");
    }, 5_000);
    await server.kill();
    const confirmStarted = performance.now();
    unblock();
    const outcome = await call;
    expect(outcome.value).toBeUndefined();
    checkParmanaError(
      outcome.error,
      "INV-REPLAY-005",
      InvariantError,
      /could not confirm payment-approval:mid-flight/,
    );
    expect(performance.now() - confirmStarted).toBeLessThan(TIMEOUT_MS + SLACK_MS);

    await server.restart();
    const attestation = (await eventually(
      () => executeFromSignals(input("mid-flight-retry"), signer, verifier, options()),
      8_000,
    )) as ExecutionAttestation;
    expect(attestation.executionId).toBe("mid-flight-retry");
  });

  it("a command in flight when Redis stalls and dies fails closed within operationTimeoutMs", async () => {
    const blocker = new Redis(server.url);
    blocker.on("error", () => {});
    try {
      await blocker.ping();
      void blocker.call("DEBUG", "SLEEP", "5").catch(() => {});
      await sleep(50);
      const pending = timed(() => store.reserve("stalled:a"));
      await sleep(100);
      await server.kill();
      expectStoreFailure(await pending);
    } finally {
      blocker.disconnect();
    }
    await server.restart();
    await eventually(() => store.reserve("stalled:after"), 8_000);
  });

  it("the override store fails closed too: STORE-002 within operationTimeoutMs, nothing decided", async () => {
    const overrides = new RedisPendingOverrideStore(server.url, {
      signer,
      verifier,
      operationTimeoutMs: TIMEOUT_MS,
    });
    try {
      await eventually(() => overrides.find({ executionId: "probe" }), 8_000);
      await server.kill();
      const held = {
        executionId: "held-down",
        policyId: "payment-approval",
        policyVersion: "1.0.0",
        signals: HELD_SIGNALS,
      };
      // The replay store is in memory here, so only the override store is down.
      const replayStore = new MemoryReplayStore({ warnInProduction: false });
      const outcome = await timed(() =>
        executeFromSignals(held, signer, verifier, {
          replayStore,
          policies: paymentPolicies(),
          pendingOverrideStore: overrides,
        }),
      );
      expect(outcome.value).toBeUndefined();
      const error = checkParmanaError(
        outcome.error,
        "STORE-002",
        StoreError,
        /RedisPendingOverrideStore could not record: Redis did not answer within 300 ms/,
      );
      expect(error.retryable).toBe(true);
      expect(outcome.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      // The failed attempt gave its replay key back: a retry is not a replay.
      expect(replayStore.status("payment-approval:held-down")).toBe("released");
      for (const call of [
        () => overrides.find({ executionId: "held-down" }),
        () => overrides.markResolved("held-down"),
      ]) {
        const failed = await timed(call);
        checkParmanaError(failed.error, "STORE-002", StoreError);
        expect(failed.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      }
    } finally {
      await overrides.disconnect();
    }
  });

  it("a crashed attempt's reservation expires after reservationTtlMs and a retry succeeds", async () => {
    const ttlMs = 1_500;
    const crashing = startWorker("reserve", {
      WORKER_REDIS_URL: server.url,
      PREFIX: "parmana:",
      PRIVATE_KEY_PEM: privateKeyPem,
      PUBLIC_KEY_PEM: publicKeyPem,
      REPLAY_KEY: "payment-approval:crashed",
      RESERVATION_TTL_MS: String(ttlMs),
    });
    const { token } = await crashing.next<{ token: string }>();
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    crashing.process.kill("SIGKILL");
    await crashing.exited;
    const reservedAt = Date.now();

    await expectRejectsParmanaError(
      executeFromSignals(input("crashed"), signer, verifier, options()),
      "INV-013",
      ReplayError,
      "[INV-013] Replay detected: payment-approval:crashed",
    );
    await sleep(Math.max(0, reservedAt + ttlMs + 100 - Date.now()));
    const attestation = await executeFromSignals(input("crashed"), signer, verifier, options());
    expect(attestation.executionId).toBe("crashed");
    expect(await store.hasExecuted("payment-approval:crashed")).toBe(true);
  }, 60_000);
});
