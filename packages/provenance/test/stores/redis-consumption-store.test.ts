import { describe, expect, it } from "vitest";
import { ProvenanceError, ParmanaError } from "@parmanasystems/core";
import {
  RedisConsumptionStore,
  createExecutionAuthority,
  evaluateExecutionGate,
  verifyAuthorityConsumption,
  verifyExecutionAuthority,
  consumeExecutionAuthority,
  type ExecutionAuthority,
  type RedisConsumptionClient,
} from "@parmanasystems/provenance";
import {
  expectParmanaError,
  expectRejectsParmanaError,
} from "../../../../test-support/expect-parmana-error.js";
import { ATTESTATION, AUTHORITY_ISSUED, EXECUTOR } from "../helpers/lifecycle-fixtures.js";

const NOW_MS = Date.parse("2024-05-01T10:01:00.000Z");
const EXPIRES_MS = Date.parse("2024-05-01T10:05:00.000Z");

function authority(): ExecutionAuthority {
  return createExecutionAuthority({
    executionId: "loan-42",
    attestationHash: ATTESTATION,
    authorizedAction: "disburse_loan",
    authorizedParameters: { amount: 1 },
    executorIdentity: EXECUTOR,
    ttlSeconds: 300,
    issuedAt: AUTHORITY_ISSUED,
  });
}

/** An in-process stand-in for Redis SET NX / GET that records every command. */
class FakeRedis implements RedisConsumptionClient {
  readonly data = new Map<string, string>();
  readonly commands: unknown[][] = [];
  set(key: string, value: string, ...args: unknown[]): Promise<"OK" | null> {
    this.commands.push(["set", key, value, ...args]);
    if (this.data.has(key)) return Promise.resolve(null);
    this.data.set(key, value);
    return Promise.resolve("OK");
  }
  get(key: string): Promise<string | null> {
    this.commands.push(["get", key]);
    return Promise.resolve(this.data.get(key) ?? null);
  }
}

const clock = () => NOW_MS;

describe("RedisConsumptionStore (fake client)", () => {
  it("sends SET <prefix>:<authorityHash> <record> PX <expiresAt - now + grace> NX", async () => {
    const redis = new FakeRedis();
    const store = new RedisConsumptionStore(redis, "test:consumed", { clock });
    const token = authority();
    expect(await store.consume(token, EXECUTOR)).toBe(true);
    expect(redis.commands).toHaveLength(1);
    const [command, key, value, px, ms, nx] = redis.commands[0]!;
    expect([command, key, px, ms, nx]).toEqual([
      "set",
      `test:consumed:${token.authorityHash}`,
      "PX",
      EXPIRES_MS - NOW_MS + 300_000,
      "NX",
    ]);
    expect(JSON.parse(value as string)).toEqual({
      authorityHash: token.authorityHash,
      executionId: "loan-42",
      consumerIdentity: EXECUTOR,
      consumedAt: "2024-05-01T10:01:00.000Z",
      nonce: token.nonce,
      expiresAt: token.expiresAt,
    });
    expect(await store.consume(token, EXECUTOR)).toBe(false);
    expect(await store.getStatus(token)).toBe("consumed");
    expect(await store.get(token.authorityHash)).toEqual({
      consumed: true,
      consumedAt: "2024-05-01T10:01:00.000Z",
      consumerIdentity: EXECUTOR,
    });
  });

  it("uses the default prefix, a custom grace, or no expiry at all", async () => {
    const token = authority();
    const plain = new FakeRedis();
    await new RedisConsumptionStore(plain, undefined, { clock }).consume(token, EXECUTOR);
    expect(plain.commands[0]![1]).toBe(`parmana:consumed:${token.authorityHash}`);
    const graced = new FakeRedis();
    await new RedisConsumptionStore(graced, "p", { clock, expiryGraceMs: 0 }).consume(
      token,
      EXECUTOR,
    );
    expect(graced.commands[0]![4]).toBe(EXPIRES_MS - NOW_MS);
    const forever = new FakeRedis();
    await new RedisConsumptionStore(forever, "p", { clock, expiryGraceMs: false }).consume(
      token,
      EXECUTOR,
    );
    expect(forever.commands[0]!.slice(3)).toEqual(["NX"]);
  });

  it("record form: SET NX without expiry; a loser learns the winner", async () => {
    const redis = new FakeRedis();
    const store = new RedisConsumptionStore(redis, "p");
    const input = {
      authorityHash: authority().authorityHash,
      executionId: "loan-42",
      consumerIdentity: "a",
      consumedAt: "2024-05-01T10:01:00.000Z",
    };
    expect(await store.consume(input)).toEqual({
      consumed: true,
      consumedAt: input.consumedAt,
      consumerIdentity: "a",
    });
    expect(redis.commands[0]!.slice(3)).toEqual(["NX"]);
    expect(await store.consume({ ...input, consumerIdentity: "b" })).toEqual({
      consumed: false,
      consumedAt: input.consumedAt,
      consumerIdentity: "a",
    });
  });

  it("refuses expired, foreign-consumer and tampered authorities without sending anything", async () => {
    const redis = new FakeRedis();
    const token = authority();
    expect(
      await new RedisConsumptionStore(redis, "p", { clock: () => EXPIRES_MS }).consume(
        token,
        EXECUTOR,
      ),
    ).toBe(false);
    expect(await new RedisConsumptionStore(redis, "p", { clock }).consume(token, "intruder")).toBe(
      false,
    );
    expect(
      await new RedisConsumptionStore(redis, "p", { clock }).consume(
        { ...token, nonce: `sha256:${"0".repeat(64)}` },
        EXECUTOR,
      ),
    ).toBe(false);
    expect(redis.commands).toEqual([]);
    expect(
      await new RedisConsumptionStore(redis, "p", { clock: () => EXPIRES_MS }).getStatus(token),
    ).toBe("expired");
  });

  it("treats an unreadable stored value as consumed", async () => {
    const redis = new FakeRedis();
    const token = authority();
    redis.data.set(`p:${token.authorityHash}`, "{garbage");
    const store = new RedisConsumptionStore(redis, "p", { clock });
    expect(await store.get(token.authorityHash)).toEqual({ consumed: true });
    expect(await store.getStatus(token)).toBe("consumed");
  });

  describe("fails closed", () => {
    const failing: RedisConsumptionClient = {
      set: () => Promise.reject(new Error("Connection is closed.")),
      get: () => Promise.reject(new Error("Connection is closed.")),
    };
    const throwing = {
      set: () => {
        throw new Error("sync failure");
      },
      get: () => {
        throw new Error("sync failure");
      },
    } as unknown as RedisConsumptionClient;
    const hanging: RedisConsumptionClient = {
      set: () => new Promise(() => {}),
      get: () => new Promise(() => {}),
    };

    it.each([
      ["rejects", failing, /Connection is closed/],
      ["throws synchronously", throwing, /sync failure/],
      ["never answers", hanging, /did not answer within 25 ms/],
    ])(
      "when the client %s: consume → false / {consumed:false}, get/getStatus → PROV-026 (retryable)",
      async (_name, client, message) => {
        const store = new RedisConsumptionStore(client, "p", { clock, operationTimeoutMs: 25 });
        const token = authority();
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
          message,
        );
        expect(error.retryable).toBe(true);
        expect(error).toBeInstanceOf(ProvenanceError);
        await expectRejectsParmanaError(
          store.get(token.authorityHash),
          "PROV-026",
          ParmanaError,
          /Redis is unavailable, failing closed/,
        );
        expect(
          await consumeExecutionAuthority({
            authority: token,
            consumerIdentity: EXECUTOR,
            store,
            currentTime: "2024-05-01T10:01:00.000Z",
          }),
        ).toBe(false);
        const gate = evaluateExecutionGate({
          authority: verifyExecutionAuthority(token, {
            executorIdentity: EXECUTOR,
            currentTime: "2024-05-01T10:01:00.000Z",
          }),
          consumption: await verifyAuthorityConsumption({
            authority: token,
            consumerIdentity: EXECUTOR,
            store,
            currentTime: "2024-05-01T10:01:00.000Z",
          }),
        });
        expect(gate.allowed).toBe(false);
        expect(gate.failedChecks).toEqual(["consumption"]);
        expect(gate.reasons[0]).toMatch(
          /^consumption: consumption store failed, failing closed: \[PROV-026\]/,
        );
      },
    );
  });

  it("rejects get with a malformed hash (PROV-033) and refuses bad configuration (PROV-021)", async () => {
    await expectRejectsParmanaError(
      new RedisConsumptionStore(new FakeRedis()).get("x"),
      "PROV-033",
    );
    const bad: [unknown, unknown, unknown][] = [
      [null, undefined, undefined],
      [{ set: () => null }, undefined, undefined],
      [new FakeRedis(), "", undefined],
      [new FakeRedis(), 5, undefined],
      [new FakeRedis(), "p", { expiryGraceMs: -1 }],
      [new FakeRedis(), "p", { expiryGraceMs: true }],
      [new FakeRedis(), "p", { operationTimeoutMs: 0 }],
      [new FakeRedis(), "p", { clock: 5 }],
      [new FakeRedis(), "p", "options"],
    ];
    for (const [client, prefix, options] of bad) {
      expectParmanaError(
        () => new RedisConsumptionStore(client as never, prefix as never, options as never),
        "PROV-021",
        ProvenanceError,
        /^\[PROV-021\] RedisConsumptionStore: /,
      );
    }
  });
});
