// Constructor checks of both stores, without a server: every bad call is STORE-001 and opens no
// connection (the socket count of the process does not change).
import { InvariantError, StoreError } from "@parmanasystems/core";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { RedisPendingOverrideStore, RedisReplayStore } from "../../src/index.js";
import { keyMaterial } from "../helpers/decision-fixtures.js";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const { signer, verifier } = keyMaterial();

/** A client of another Redis library: get/set/eval but not ioredis's shape. */
const nodeRedisLike = {
  isOpen: true,
  get: async () => null,
  set: async () => "OK",
  eval: async () => 0,
  connect: async () => undefined,
};

function sockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name.startsWith("TCP")).length;
}

const replayCases: [string, () => unknown, RegExp][] = [
  ["a number", () => new RedisReplayStore(42 as never), /expected a Redis URL.*got number 42/],
  ["null", () => new RedisReplayStore(null as never), /got null/],
  ["an empty URL", () => new RedisReplayStore(""), /must be a redis:\/\/ or rediss:\/\/ URL/],
  ["an http URL", () => new RedisReplayStore("http://127.0.0.1:6379"), /redis:\/\/ or rediss:\/\//],
  [
    "a non-ioredis client",
    () => new RedisReplayStore(nodeRedisLike as never),
    /got object \(not an ioredis client\)/,
  ],
  [
    "a non-ioredis client in options",
    () => new RedisReplayStore({ client: nodeRedisLike as never }),
    /option client must be an ioredis Redis or Cluster instance/,
  ],
  [
    "both client and url",
    () => new RedisReplayStore({ client: nodeRedisLike as never, url: "redis://x" }),
    /either option client or option url, not both/,
  ],
  [
    "client in positional options",
    () => new RedisReplayStore("redis://127.0.0.1:6379", { client: {} } as never),
    /option client is only accepted in the one-argument options form/,
  ],
  [
    "a second argument that is not an object",
    () => new RedisReplayStore("redis://127.0.0.1:6379", 5 as never),
    /second argument must be an options object/,
  ],
  [
    "a second argument after an options object",
    () => new RedisReplayStore({ url: "redis://127.0.0.1:6379" } as never, {} as never),
    /there is no second argument/,
  ],
  [
    "an unknown option",
    () => new RedisReplayStore({ url: "redis://127.0.0.1:6379", reservationTTLMs: 10 } as never),
    /unknown option reservationTTLMs; known options are prefix, reservationTtlMs/,
  ],
  [
    "an option this store does not take (clock)",
    () => new RedisReplayStore({ url: "redis://127.0.0.1:6379", clock: () => new Date() } as never),
    /unknown option clock/,
  ],
  [
    "a string TTL",
    () => new RedisReplayStore("redis://127.0.0.1:6379", { reservationTtlMs: "60000" as never }),
    /option reservationTtlMs must be a whole number of milliseconds from 1 to \d+, got string \(content not shown\)/,
  ],
  [
    "a zero TTL",
    () => new RedisReplayStore("redis://127.0.0.1:6379", { reservationTtlMs: 0 }),
    /reservationTtlMs .* got number 0/,
  ],
  [
    "a fractional confirmed TTL",
    () => new RedisReplayStore("redis://127.0.0.1:6379", { confirmedTtlMs: 1.5 }),
    /confirmedTtlMs/,
  ],
  [
    "a NaN timeout",
    () => new RedisReplayStore("redis://127.0.0.1:6379", { operationTimeoutMs: Number.NaN }),
    /operationTimeoutMs .* got number NaN/,
  ],
  [
    "an empty prefix",
    () => new RedisReplayStore("redis://127.0.0.1:6379", { prefix: "" }),
    /option prefix must be a non-empty string/,
  ],
  [
    "a prefix with a lone surrogate",
    () => new RedisReplayStore("redis://127.0.0.1:6379", { prefix: "p\ud800:" }),
    /option prefix/,
  ],
  [
    'coalesceWrites "false" (a string would read as on)',
    () => new RedisReplayStore("redis://127.0.0.1:6379", { coalesceWrites: "false" as never }),
    /option coalesceWrites must be true or false, got string \(content not shown\)/,
  ],
  [
    "coalesceWrites 0",
    () => new RedisReplayStore({ url: "redis://127.0.0.1:6379", coalesceWrites: 0 as never }),
    /option coalesceWrites must be true or false, got number 0/,
  ],
  [
    "coalesceWrites null with a client passed in",
    () => new RedisReplayStore(new Redis({ lazyConnect: true }), { coalesceWrites: null as never }),
    /option coalesceWrites must be true or false, got null/,
  ],
];

describe("RedisReplayStore constructor", () => {
  it.each(replayCases)(
    "refuses %s with STORE-001 and opens no connection",
    (_name, make, message) => {
      const before = sockets();
      expectParmanaError(make, "STORE-001", StoreError, message);
      expect(sockets()).toBe(before);
    },
  );

  it("never echoes a URL, which may carry a password", () => {
    const error = expectParmanaError(
      () => new RedisReplayStore("http://user:hunter2@cache.internal:6379"),
      "STORE-001",
      StoreError,
    );
    expect(error.message).not.toContain("hunter2");
    expect(error.message).not.toContain("cache.internal");
  });

  it("checks keys before anything is sent: INV-REPLAY-004", async () => {
    // A closed port: a key check that reached Redis would fail with INV-REPLAY-005 instead.
    const store = new RedisReplayStore("redis://127.0.0.1:1", { operationTimeoutMs: 50 });
    try {
      for (const key of [undefined, 42, "", "k\udc00", "x".repeat(1025)]) {
        let caught: unknown;
        try {
          await store.reserve(key as never);
        } catch (error) {
          caught = error;
        }
        expect((caught as InvariantError).code, String(key).slice(0, 10)).toBe("INV-REPLAY-004");
        expect(caught).toBeInstanceOf(InvariantError);
      }
    } finally {
      await store.disconnect();
    }
  });
});

describe("RedisPendingOverrideStore constructor", () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      "no signer",
      () => new RedisPendingOverrideStore({ url: "redis://127.0.0.1:6379", verifier } as never),
      /option signer must have a sign\(payload\) method/,
    ],
    [
      "no verifier",
      () => new RedisPendingOverrideStore("redis://127.0.0.1:6379", { signer } as never),
      /option verifier must have a verify/,
    ],
    [
      "a number",
      () => new RedisPendingOverrideStore(7 as never, { signer, verifier }),
      /got number 7/,
    ],
    [
      "a non-ioredis client",
      () => new RedisPendingOverrideStore(nodeRedisLike as never, { signer, verifier }),
      /got object \(not an ioredis client\)/,
    ],
    [
      "an unknown option",
      () => new RedisPendingOverrideStore({ signer, verifier, ttl: 5 } as never),
      /unknown option ttl/,
    ],
    [
      "a negative record TTL",
      () => new RedisPendingOverrideStore({ signer, verifier, recordTtlMs: -5 }),
      /recordTtlMs/,
    ],
    [
      'coalesceWrites "yes"',
      () => new RedisPendingOverrideStore({ signer, verifier, coalesceWrites: "yes" as never }),
      /option coalesceWrites must be true or false, got string/,
    ],
  ];
  it.each(cases)("refuses %s with STORE-001 and opens no connection", (_name, make, message) => {
    const before = sockets();
    expectParmanaError(make, "STORE-001", StoreError, message);
    expect(sockets()).toBe(before);
  });
});
