// Exactly once across processes, on the real local Redis: four separate Node processes, each
// with its own connection, fire 250 concurrent executeFromSignals calls on one executionId at
// the same moment. One attestation comes out of the 1,000 calls; the 999 others are INV-013.
// No single-process test can show this: the atomicity must come from Redis, not from one event
// loop.
import { Redis } from "ioredis";
import { afterAll, expect, it } from "vitest";
import { keyMaterial } from "../helpers/decision-fixtures.js";
import { raceAcrossProcesses } from "../helpers/cross-process.js";
import { REDIS_URL, redisUnavailableReason, runId, serverSuite } from "../helpers/redis-servers.js";

const reason = await redisUnavailableReason();
const run = runId();
const prefix = `parmana-test:${run}:`;

serverSuite(reason)("exactly once across processes (local Redis)", () => {
  afterAll(async () => {
    const raw = new Redis(REDIS_URL);
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
  });

  it("4 processes x 250 concurrent calls on one executionId: 1 attestation, 999 INV-013", async () => {
    const { privateKeyPem, publicKeyPem, verifier } = keyMaterial();
    const executionId = `pay-race-${run}`;
    await raceAcrossProcesses({
      env: {
        WORKER_REDIS_URL: REDIS_URL,
        PREFIX: prefix,
        PRIVATE_KEY_PEM: privateKeyPem,
        PUBLIC_KEY_PEM: publicKeyPem,
      },
      executionId,
      processes: 4,
      perProcess: 250,
      verifier,
    });
    const raw = new Redis(REDIS_URL);
    try {
      expect(await raw.get(`${prefix}replay:payment-approval:${executionId}`)).toBe("confirmed");
    } finally {
      await raw.quit();
    }
  }, 120_000);
});
