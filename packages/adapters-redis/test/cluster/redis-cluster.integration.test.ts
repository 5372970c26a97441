// Both stores on a real 3-node Redis Cluster that this suite starts from the installed
// redis-server (--cluster-enabled yes, joined with redis-cli --cluster create) and stops after.
// Keys spread over all three nodes; each Lua script touches one key, so it runs atomically on
// the node that owns it (and is loaded there on first use). Exactly once holds across four
// processes with their own Cluster connections, and an override decided through one process is
// approved once through another.
import {
  InvariantError,
  ReplayError,
  type ExecutionAttestation,
  type OverrideRecord,
} from "@parmanasystems/core";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RedisReplayStore } from "../../src/index.js";
import { raceAcrossProcesses } from "../helpers/cross-process.js";
import { keyMaterial } from "../helpers/decision-fixtures.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
import {
  PrivateRedisCluster,
  redisServerUnavailableReason,
  runId,
  serverSuite,
  sleep,
} from "../helpers/redis-servers.js";
import { runWorker } from "../helpers/spawn-worker.js";

const run = runId();
const keys = keyMaterial();

serverSuite(redisServerUnavailableReason())("both stores on a 3-node Redis Cluster", () => {
  let cluster: PrivateRedisCluster;
  let client: Cluster;
  let store: RedisReplayStore;
  const env = () => ({
    CLUSTER_NODES: JSON.stringify(cluster.startupNodes),
    PREFIX: `parmana-test:${run}:`,
    PRIVATE_KEY_PEM: keys.privateKeyPem,
    PUBLIC_KEY_PEM: keys.publicKeyPem,
  });

  beforeAll(async () => {
    cluster = await PrivateRedisCluster.start();
    client = new Cluster(cluster.startupNodes);
    store = new RedisReplayStore(client, { reservationTtlMs: 60_000 });
  }, 120_000);
  afterAll(async () => {
    await store?.disconnect();
    client?.disconnect();
    await cluster?.stop();
  });

  it("reserve / confirm / release keep their fenced semantics on keys owned by every node", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `loan:${run}:${i}`);
    const tokens = await Promise.all(ids.map((id) => store.reserve(id)));
    // The keys are spread over the three nodes (the slot map is known once connected).
    expect(new Set(ids.map((id) => slotOwner(client, `parmana:replay:${id}`))).size).toBe(3);
    for (const [i, id] of ids.entries()) {
      expect(await client.get(`parmana:replay:${id}`)).toBe(`reserved:${tokens[i]}`);
    }
    await Promise.all(
      ids.map((id, i) =>
        i % 2 === 0 ? store.confirm(id, tokens[i]) : store.release(id, "AAAAAAAAAAAAAAAAAAAAAA"),
      ),
    );
    for (const [i, id] of ids.entries()) {
      expect(await client.get(`parmana:replay:${id}`)).toBe(
        i % 2 === 0 ? "confirmed" : `reserved:${tokens[i]}`,
      );
    }
    await expectRejectsParmanaError(store.reserve(ids[0] as string), "INV-013", ReplayError);
    await expectRejectsParmanaError(
      store.confirm(ids[1] as string, tokens[3]),
      "INV-REPLAY-003",
      InvariantError,
    );
    await store.release(ids[1] as string, tokens[1]);
    expect(await store.status(ids[1] as string)).toBe("unknown");
  });

  it("a lapsed reservation cannot confirm on the Cluster either", async () => {
    const fast = new RedisReplayStore({ client, reservationTtlMs: 100 });
    const stale = await fast.reserve(`lapse:${run}`);
    await sleep(200);
    const fresh = await store.reserve(`lapse:${run}`);
    await expectRejectsParmanaError(
      fast.confirm(`lapse:${run}`, stale),
      "INV-REPLAY-003",
      InvariantError,
      /another attempt's reservation holds it/,
    );
    await store.confirm(`lapse:${run}`, fresh);
    expect(await store.hasExecuted(`lapse:${run}`)).toBe(true);
  });

  it("4 processes x 250 concurrent calls on one executionId: 1 attestation, 999 INV-013", async () => {
    await raceAcrossProcesses({
      env: env(),
      executionId: `cluster-race-${run}`,
      processes: 4,
      perProcess: 250,
      verifier: keys.verifier,
    });
    expect(
      await client.get(`parmana-test:${run}:replay:payment-approval:cluster-race-${run}`),
    ).toBe("confirmed");
  }, 120_000);

  it("an override decided in process A is approved once in process B; C is refused", async () => {
    const overrideEnv = { ...env(), EXECUTION_ID: `cluster-hold-${run}` };
    const { attestation } = await runWorker<{ attestation: ExecutionAttestation }>(
      "decide",
      overrideEnv,
    );
    expect(attestation.execution_state).toBe("pending_override");
    const approved = await runWorker<{ record?: OverrideRecord; error?: { code?: string } }>(
      "approve",
      {
        ...overrideEnv,
        APPROVER_ROLE: "payments-ops",
      },
    );
    expect(approved.error).toBeUndefined();
    expect(approved.record?.executionId).toBe(`cluster-hold-${run}`);
    const again = await runWorker<{ error?: { code?: string } }>("approve", {
      ...overrideEnv,
      APPROVER_ROLE: "payments-ops",
    });
    expect(again.error?.code).toBe("SYS-022");
  }, 120_000);
});

/** The node (host:port) that owns `key`'s slot, from the client's slot map. */
function slotOwner(client: Cluster, key: string): string {
  const slot = clusterKeySlot(key);
  const owners = (client as unknown as { slots: string[][] }).slots[slot];
  return owners?.[0] ?? "unknown";
}

// CRC16/XMODEM over the key (no hash tags in these keys), mod 16384: the Redis Cluster slot.
function clusterKeySlot(key: string): number {
  let crc = 0;
  for (const byte of Buffer.from(key, "utf8")) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}
