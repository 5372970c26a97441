// The per-command deadline, on a private redis-server paused with CLIENT PAUSE (it accepts
// commands but answers none): commands sent at different moments each fail at their own
// deadline, not at the first one's nor later; and once every command is answered no timer is
// left behind to keep the process alive. And a runner asked to coalesce writes sends a command at
// once when none of its replies is pending, and otherwise holds the commands issued in one tick in
// writes of at most MAX_BATCH commands (Redis reads each in one go), each with its own reply; the
// stores coalesce by default, on their own connection and on a client passed in, and leave alone
// a client that auto-pipelines.
import { Redis } from "ioredis";
import type { Writable } from "node:stream";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import {
  CommandRunner,
  MAX_BATCH,
  RedisCommandFailure,
} from "../../src/connection/command-runner.js";
import { RedisReplayStore } from "../../src/replay/redis-replay-store.js";
import {
  PrivateRedisServer,
  redisServerUnavailableReason,
  serverSuite,
  sleep,
} from "../helpers/redis-servers.js";

const TIMEOUT_MS = 300;
const SLACK_MS = 400;

function timers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === "Timeout").length;
}

serverSuite(redisServerUnavailableReason())("CommandRunner deadlines", () => {
  let server: PrivateRedisServer;
  let client: Redis;
  let admin: Redis;

  beforeAll(async () => {
    server = await PrivateRedisServer.start();
    client = new Redis(server.url);
    admin = new Redis(server.url);
    await Promise.all([client.ping(), admin.ping()]);
  });
  afterAll(async () => {
    client?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  it("each command fails at its own deadline while the server does not answer", async () => {
    const runner = new CommandRunner(client, TIMEOUT_MS, () => undefined);
    await admin.client("PAUSE", 1500, "ALL");
    const outcomes = await Promise.all(
      [0, 100, 200].map(async (delay) => {
        await sleep(delay);
        const start = performance.now();
        try {
          await runner.run((redis) => redis.get("k"));
          return { error: undefined, ms: performance.now() - start };
        } catch (error) {
          return { error, ms: performance.now() - start };
        }
      }),
    );
    for (const { error, ms } of outcomes) {
      expect(error).toBeInstanceOf(RedisCommandFailure);
      expect((error as RedisCommandFailure).timedOut).toBe(true);
      expect((error as Error).message).toBe(
        "Redis did not answer within 300 ms (connection ready)",
      );
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
      expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    }
    await admin.client("UNPAUSE");
  });

  it("leaves no timer behind once every command is answered", async () => {
    const runner = new CommandRunner(client, 60_000, () => undefined);
    const before = timers();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => runner.run((redis) => redis.get(`k${i}`))),
    );
    expect(timers()).toBe(before);
    // A failing command counts as answered too.
    await expect(runner.run((redis) => redis.call("NO-SUCH-COMMAND"))).rejects.toThrow(
      /^Redis failed: ERR unknown command/,
    );
    expect(timers()).toBe(before);
  });

  it("while a reply is pending, holds a tick's commands in one write, each with its own reply, in order", async () => {
    const runner = new CommandRunner(client, 60_000, () => undefined, true);
    // A reply pending for 300 ms: Redis reads this connection's next commands but runs them only
    // once BLPOP on an empty list times out.
    const blocked = runner.run((redis) => redis.blpop("empty-list", 0.3));
    await sleep(50); // Redis has read the BLPOP
    const before = await reads(admin);
    const replies = await Promise.allSettled([
      ...Array.from({ length: MAX_BATCH - 2 }, (_, i) =>
        runner.run((redis) => redis.set(`c${i}`, `v${i}`)),
      ),
      // Sent after the SETs on the same socket, so it reads what they wrote.
      runner.run((redis) => redis.mget("c0", `c${MAX_BATCH - 3}`)),
      // A failing command fails alone.
      runner.run((redis) => redis.call("NO-SUCH-COMMAND")),
    ]);
    expect(await blocked).toBeNull();
    // One read for the MAX_BATCH commands, and one for the INFO that counts them.
    expect((await reads(admin)) - before).toBe(2);
    expect(replies.slice(0, MAX_BATCH - 2)).toEqual(
      Array.from({ length: MAX_BATCH - 2 }, () => ({ status: "fulfilled", value: "OK" })),
    );
    expect(replies[MAX_BATCH - 2]).toEqual({
      status: "fulfilled",
      value: ["v0", `v${MAX_BATCH - 3}`],
    });
    expect(replies[MAX_BATCH - 1]?.status).toBe("rejected");
    expect(String((replies[MAX_BATCH - 1] as PromiseRejectedResult).reason)).toMatch(
      /Redis failed: ERR unknown command/,
    );
  });

  it("writes a command at once when no reply is pending, then the tick's others in writes of at most MAX_BATCH, in order", async () => {
    const runner = new CommandRunner(client, 60_000, () => undefined, true);
    const count = 2 * MAX_BATCH + 2;
    const { writes, restore } = countWrites(client);
    let replies: unknown[];
    try {
      replies = await Promise.all([
        ...Array.from({ length: count - 1 }, () => runner.run((redis) => redis.incr("seq"))),
        runner.run((redis) => redis.get("seq")),
      ]);
    } finally {
      restore();
    }
    // Commands per socket write: the first alone (nothing was pending), two full batches, then
    // the rest at the end of the tick.
    expect(writes).toEqual([1, MAX_BATCH, MAX_BATCH, 1]);
    const first = replies[0] as number;
    expect(replies.slice(0, count - 1)).toEqual(
      Array.from({ length: count - 1 }, (_, i) => first + i),
    );
    expect(replies[count - 1]).toBe(String(first + count - 2));
  });

  it("one call at a time is written as without coalescing: the socket is never held", async () => {
    const store = new RedisReplayStore(client, { prefix: "one-at-a-time:" });
    await store.confirm("warm-up", await store.reserve("warm-up")); // the script is loaded
    const stream = client.stream as Writable;
    const cork = vi.spyOn(stream, "cork");
    const { writes, restore } = countWrites(client);
    try {
      for (let i = 0; i < 3; i++) {
        const token = await store.reserve(`key-${i}`);
        await store.confirm(`key-${i}`, token);
      }
      // Read before mockRestore, which clears the recorded calls.
      expect(cork).not.toHaveBeenCalled();
    } finally {
      restore();
      cork.mockRestore();
    }
    expect(writes).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await store.status("key-2")).toBe("confirmed");
  });

  it("writes each command at once when not coalescing", async () => {
    const runner = new CommandRunner(client, 60_000, () => undefined, false);
    const { writes, restore } = countWrites(client);
    try {
      await Promise.all(
        Array.from({ length: 4 }, (_, i) => runner.run((redis) => redis.get(`k${i}`))),
      );
    } finally {
      restore();
    }
    expect(writes).toEqual([1, 1, 1, 1]);
  });

  it("a store's own URL connection coalesces by default: a tick's reserves, one read", async () => {
    const store = new RedisReplayStore(server.url, { prefix: "coalesce:" });
    try {
      await store.status("warm-up"); // connected and ready
      const before = await reads(admin);
      // Redis reads but runs no command for 300 ms: the status below stays pending meanwhile.
      await admin.client("PAUSE", 300, "ALL");
      const pending = store.status("key-0");
      await sleep(50); // Redis has read it
      const tokens = await Promise.all(
        Array.from({ length: MAX_BATCH }, (_, i) => store.reserve(`key-${i}`)),
      );
      // Run in the order sent: the status before the reserves.
      expect(await pending).toBe("unknown");
      // The PAUSE, the status, one read for the reserves, and the INFO that counts them.
      expect((await reads(admin)) - before).toBe(4);
      expect(new Set(tokens).size).toBe(MAX_BATCH);
      await Promise.all(tokens.map((token, i) => store.confirm(`key-${i}`, token)));
      expect(await store.status(`key-${MAX_BATCH - 1}`)).toBe("confirmed");
    } finally {
      await store.disconnect();
    }
  });

  it("a client passed in is coalesced by default, and written per command with coalesceWrites: false", async () => {
    const own = new Redis(server.url);
    try {
      await own.ping();
      const coalesced = new RedisReplayStore(own, { prefix: "coalesce-client:" });
      const plain = new RedisReplayStore(own, { prefix: "plain-client:", coalesceWrites: false });
      const { writes, restore } = countWrites(own);
      try {
        await Promise.all(Array.from({ length: 4 }, (_, i) => coalesced.reserve(`key-${i}`)));
        await Promise.all(Array.from({ length: 4 }, (_, i) => plain.reserve(`key-${i}`)));
      } finally {
        restore();
      }
      // Coalesced: the first at once (nothing pending), the other three together; then plain.
      expect(writes).toEqual([1, 3, 1, 1, 1, 1]);
      // The store never closes a client it was given, nor leaves its socket corked.
      await coalesced.disconnect();
      await plain.disconnect();
      expect(own.status).toBe("ready");
      expect((own.stream as Writable).writableCorked).toBe(0);
      expect(await own.get("coalesce-client:key-3")).toMatch(/^reserved:/);
      expect(await own.get("plain-client:key-3")).toMatch(/^reserved:/);
    } finally {
      own.disconnect();
    }
  });

  it("leaves a client with enableAutoPipelining to batch its own writes", async () => {
    const pipelined = new Redis(server.url, { enableAutoPipelining: true });
    try {
      await pipelined.ping();
      const store = new RedisReplayStore(pipelined, { prefix: "auto-pipelined:" });
      const stream = pipelined.stream as Writable;
      const cork = vi.spyOn(stream, "cork");
      try {
        const tokens = await Promise.all(
          Array.from({ length: 4 }, (_, i) => store.reserve(`key-${i}`)),
        );
        expect(new Set(tokens).size).toBe(4);
        // Read before mockRestore, which clears the recorded calls.
        expect(cork).not.toHaveBeenCalled();
      } finally {
        cork.mockRestore();
      }
    } finally {
      pipelined.disconnect();
    }
  });
});

/** Redis's count of reads from client sockets. */
async function reads(admin: Redis): Promise<number> {
  return Number(/^total_reads_processed:(\d+)/m.exec(await admin.info("stats"))?.[1]);
}

/** Records how many commands each write to the client's socket carries, until `restore()`. */
function countWrites(redis: Redis): { writes: number[]; restore: () => void } {
  const socket = redis.stream as Writable & {
    _write: (chunk: unknown, encoding: string, callback: () => void) => void;
    _writev: (chunks: unknown[], callback: () => void) => void;
  };
  const writes: number[] = [];
  const write = socket._write;
  const writev = socket._writev;
  // Each ioredis command is one chunk.
  socket._write = function (chunk, encoding, callback) {
    writes.push(1);
    write.call(this, chunk, encoding, callback);
  };
  socket._writev = function (chunks, callback) {
    writes.push(chunks.length);
    writev.call(this, chunks, callback);
  };
  return {
    writes,
    restore: () => {
      socket._write = write;
      socket._writev = writev;
    },
  };
}
