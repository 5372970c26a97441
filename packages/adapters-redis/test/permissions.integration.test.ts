// The README's Permissions section is enough: on a private redis-server, a user created with
// exactly the documented ACL runs every operation of both stores, including a store that opens
// its own connection with that user's credentials and closes it. A command missing from the ACL
// would fail here with NOPERM.
import {
  approveOverride,
  executeFromSignals,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RedisPendingOverrideStore, RedisReplayStore } from "../src/index.js";
import { HELD_SIGNALS, keyMaterial, paymentPolicies } from "./helpers/decision-fixtures.js";
import {
  PrivateRedisServer,
  redisServerUnavailableReason,
  serverSuite,
} from "./helpers/redis-servers.js";

const DOCUMENTED_ACL =
  "on >change-me ~parmana:* +set +get +del +evalsha +eval +exists +hget +hset +hexists +hmget +sadd +smembers +pexpire +multi +exec +time +quit +ping +info";

serverSuite(redisServerUnavailableReason())("the documented Redis ACL", () => {
  let server: PrivateRedisServer;
  let admin: Redis;

  beforeAll(async () => {
    server = await PrivateRedisServer.start();
    admin = new Redis(server.url);
    await admin.call("ACL", "SETUSER", "parmana", ...DOCUMENTED_ACL.split(" "));
  });
  afterAll(async () => {
    admin?.disconnect();
    await server?.stop();
  });

  it("is all both stores need", async () => {
    const url = `redis://parmana:change-me@127.0.0.1:${server.port}`;
    const { signer, verifier } = keyMaterial();
    const replayStore = new RedisReplayStore(url);
    const overrides = new RedisPendingOverrideStore({ url, signer, verifier, recordTtlMs: 60_000 });
    try {
      const token = await replayStore.reserve("k1");
      await replayStore.confirm("k1", token);
      await replayStore.release("k2", await replayStore.reserve("k2"));
      await replayStore.markExecuted("k3");
      expect(await replayStore.hasExecuted("k1")).toBe(true);
      expect(await replayStore.status("k2")).toBe("unknown");

      const attestation: ExecutionAttestation = await executeFromSignals(
        {
          executionId: "acl-1",
          policyId: "payment-approval",
          policyVersion: "1.0.0",
          signals: HELD_SIGNALS,
        },
        signer,
        verifier,
        { replayStore, policies: paymentPolicies(), pendingOverrideStore: overrides },
      );
      expect(
        (await overrides.find({ execution_fingerprint: attestation.execution_fingerprint }))
          ?.resolved,
      ).toBe(false);
      const record = await approveOverride(
        {
          executionId: "acl-1",
          approved_by: "risk@example.com",
          approver_role: "risk-manager",
          reason: "OK",
        },
        { store: overrides },
      );
      expect(record.decision).toBe("approved");
    } finally {
      await replayStore.disconnect();
      await overrides.disconnect();
    }
    // Both connections were closed with QUIT (allowed), not dropped: no client of user parmana remains.
    const clients = String(await admin.client("LIST"));
    expect(clients).not.toContain("user=parmana");
  });
});
