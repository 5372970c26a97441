// The per-command deadline, on a private redis-server paused with CLIENT PAUSE (it accepts
// commands but answers none): commands sent at different moments each fail at their own
// deadline, not at the first one's nor later; and once every command is answered no timer is
// left behind to keep the process alive.
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CommandRunner, RedisCommandFailure } from "../../src/connection/command-runner.js";
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
});
