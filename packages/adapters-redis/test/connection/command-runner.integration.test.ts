// The per-command deadline, on a private redis-server paused with CLIENT PAUSE (it accepts
// commands but answers none): commands sent at different moments each fail at their own
// deadline, not at the first one's nor later; and once every command is answered no timer is
// left behind to keep the process alive. And a runner asked to coalesce writes sends the commands
// issued in one tick in one socket write (Redis reads them in one go), each with its own reply.
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CommandRunner, RedisCommandFailure } from "../../src/connection/command-runner.js";
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

  it("coalesces one tick's commands into one write, each with its own reply, in order", async () => {
    const runner = new CommandRunner(client, 60_000, () => undefined, true);
    const reads = async (): Promise<number> =>
      Number(/^total_reads_processed:(\d+)/m.exec(await admin.info("stats"))?.[1]);
    const before = await reads();
    const replies = await Promise.allSettled([
      ...Array.from({ length: 16 }, (_, i) => runner.run((redis) => redis.set(`c${i}`, `v${i}`))),
      // Sent after the SETs on the same socket, so it reads what they wrote.
      runner.run((redis) => redis.mget("c0", "c15")),
      // A failing command fails alone.
      runner.run((redis) => redis.call("NO-SUCH-COMMAND")),
    ]);
    // One read for the 18 commands, and one for the INFO that counts them.
    expect((await reads()) - before).toBe(2);
    expect(replies.slice(0, 16)).toEqual(
      Array.from({ length: 16 }, () => ({ status: "fulfilled", value: "OK" })),
    );
    expect(replies[16]).toEqual({ status: "fulfilled", value: ["v0", "v15"] });
    expect(replies[17]?.status).toBe("rejected");
    expect(String((replies[17] as PromiseRejectedResult).reason)).toMatch(
      /Redis failed: ERR unknown command/,
    );
  });

  it("a store's own URL connection coalesces: 16 concurrent reserves, one read", async () => {
    const store = new RedisReplayStore(server.url, { prefix: "coalesce:" });
    try {
      await store.status("warm-up"); // connected and ready
      const reads = async (): Promise<number> =>
        Number(/^total_reads_processed:(\d+)/m.exec(await admin.info("stats"))?.[1]);
      const before = await reads();
      const tokens = await Promise.all(
        Array.from({ length: 16 }, (_, i) => store.reserve(`key-${i}`)),
      );
      expect((await reads()) - before).toBe(2);
      expect(new Set(tokens).size).toBe(16);
      await Promise.all(tokens.map((token, i) => store.confirm(`key-${i}`, token)));
      expect(await store.status("key-15")).toBe("confirmed");
    } finally {
      await store.disconnect();
    }
  });
});
