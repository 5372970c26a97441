// RedisPendingOverrideStore on the real local Redis. In separate processes: a decision made in
// process A is approved in process B by an allowed role, refused for a role the rule does not
// allow, and refused as already resolved in process C. In this process: the record rules
// (idempotent, retry replaces, conflicts refused), lookups by fingerprint, the atomic
// markResolved under concurrency, tampered records refused, and bad input writing nothing.
import {
  approveOverride,
  canonicalize,
  executeFromSignals,
  MemoryReplayStore,
  OverrideError,
  rejectOverride,
  StoreError,
  verifyOverride,
  type ExecutionAttestation,
  type OverrideRecord,
} from "@parmanasystems/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RedisPendingOverrideStore } from "../../src/index.js";
import { HELD_SIGNALS, keyMaterial, paymentPolicies } from "../helpers/decision-fixtures.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { REDIS_URL, redisUnavailableReason, runId, serverSuite } from "../helpers/redis-servers.js";
import { runWorker } from "../helpers/spawn-worker.js";

const reason = await redisUnavailableReason();
const run = runId();
const prefix = `parmana-test:${run}:`;
const keys = keyMaterial();
const { signer, verifier } = keys;

interface WorkerError {
  readonly error?: { code?: string; name?: string; message: string };
  readonly record?: OverrideRecord;
}

serverSuite(reason)("RedisPendingOverrideStore on a real Redis", () => {
  let raw: Redis;
  let store: RedisPendingOverrideStore;

  async function decide(
    executionId: string,
    target: RedisPendingOverrideStore = store,
  ): Promise<ExecutionAttestation> {
    return executeFromSignals(
      { executionId, policyId: "payment-approval", policyVersion: "1.0.0", signals: HELD_SIGNALS },
      signer,
      verifier,
      {
        replayStore: new MemoryReplayStore({ warnInProduction: false }),
        policies: paymentPolicies(),
        pendingOverrideStore: target,
      },
    );
  }

  beforeAll(() => {
    raw = new Redis(REDIS_URL);
    store = new RedisPendingOverrideStore(raw, { signer, verifier, prefix: `${prefix}override:` });
  });
  afterAll(async () => {
    await store.disconnect();
    const written = await raw.keys(`${prefix}*`);
    if (written.length > 0) await raw.del(...written);
    await raw.quit();
  });

  it("decide in process A, approve in B (allowed role), refuse a wrong role, refuse C's second approval", async () => {
    const env = {
      WORKER_REDIS_URL: REDIS_URL,
      PREFIX: prefix,
      PRIVATE_KEY_PEM: keys.privateKeyPem,
      PUBLIC_KEY_PEM: keys.publicKeyPem,
      EXECUTION_ID: `hold-${run}`,
    };
    const { attestation } = await runWorker<{ attestation: ExecutionAttestation }>("decide", env);
    expect(attestation.execution_state).toBe("pending_override");

    const wrongRole = await runWorker<WorkerError>("approve", { ...env, APPROVER_ROLE: "intern" });
    expect(wrongRole.error?.code).toBe("SYS-023");
    expect(wrongRole.error?.name).toBe("OverrideError");
    expect(wrongRole.error?.message).toMatch(
      /^\[SYS-023\] approver_role "intern" may not override execution hold-/,
    );
    expect(wrongRole.error?.message).toContain(
      "allowed by the rule's override_roles: payments-ops, risk-manager",
    );

    const approved = await runWorker<WorkerError>("approve", {
      ...env,
      APPROVER_ROLE: "risk-manager",
    });
    expect(approved.error).toBeUndefined();
    const record = approved.record as OverrideRecord;
    expect(record.decision).toBe("approved");
    expect(record.approver_role).toBe("risk-manager");
    expect(verifyOverride(record, attestation, verifier).valid).toBe(true);

    const second = await runWorker<WorkerError>("approve", {
      ...env,
      APPROVER_ROLE: "payments-ops",
    });
    expect(second.error?.code).toBe("SYS-022");
    expect(second.error?.message).toMatch(
      /^\[SYS-022\] the override of execution hold-.* was already resolved/,
    );
    expect((await store.find({ executionId: `hold-${run}` }))?.resolved).toBe(true);
  }, 120_000);

  it("stores only the serializable part and hands back this store's signer and verifier", async () => {
    const attestation = await decide(`stored-${run}`);
    const fields = await raw.hgetall(`${prefix}override:execution:stored-${run}`);
    expect(Object.keys(fields).sort()).toEqual(["fingerprint", "hash", "policyId", "record"]);
    expect(JSON.parse(fields["record"] as string)).toEqual({
      attestation: JSON.parse(canonicalize(attestation)),
      ruleId: "hold-large-foreign-payment",
      overrideRoles: ["payments-ops", "risk-manager"],
    });
    expect(
      await raw.smembers(`${prefix}override:fingerprint:${attestation.execution_fingerprint}`),
    ).toContain(`stored-${run}`);
    const found = await store.find({ executionId: `stored-${run}` });
    expect(found?.attestation).toEqual(attestation);
    expect(found?.signer).toBe(signer);
    expect(found?.verifier).toBe(verifier);
    expect(found?.resolved).toBe(false);
    expect(
      await store.find({ executionId: `stored-${run}`, execution_fingerprint: "0".repeat(64) }),
    ).toBeUndefined();
    expect(await store.find({ executionId: `missing-${run}` })).toBeUndefined();
  });

  it("markResolved is true exactly once among 50 concurrent callers on two connections", async () => {
    await decide(`resolve-${run}`);
    const second = new Redis(REDIS_URL);
    try {
      const other = new RedisPendingOverrideStore(second, {
        signer,
        verifier,
        prefix: `${prefix}override:`,
      });
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (i % 2 === 0 ? store : other).markResolved(`resolve-${run}`),
        ),
      );
      expect(answers.filter((answer) => answer)).toHaveLength(1);
      expect(await store.markResolved(`unknown-${run}`)).toBe(false);
      expect(await raw.exists(`${prefix}override:execution:unknown-${run}`)).toBe(0);
    } finally {
      await second.quit();
    }
  });

  it("record: same attestation is a no-op, a retry replaces, a resolved or foreign-policy one is SYS-028", async () => {
    const first = await decide(`retry-${run}`);
    await store.record({
      attestation: first,
      signer,
      verifier,
      ruleId: "hold-large-foreign-payment",
    });
    const retried = { ...first, issuedAt: "2030-01-01T00:00:00.000Z" } as ExecutionAttestation;
    // Not signed for its new content: find refuses it, which shows the record was replaced.
    await store.record({
      attestation: retried,
      signer,
      verifier,
      ruleId: "hold-large-foreign-payment",
    });
    await expectRejectsParmanaError(
      store.find({ executionId: `retry-${run}` }),
      "STORE-003",
      StoreError,
      /signature does not verify/,
    );
    const again = await decide(`retry-${run}`);
    expect((await store.find({ executionId: `retry-${run}` }))?.attestation).toEqual(again);
    await expectRejectsParmanaError(
      store.record({
        attestation: { ...again, policyId: "other-policy" },
        signer,
        verifier,
        ruleId: "x",
      }),
      "SYS-028",
      OverrideError,
      /already recorded for a different attestation of another policy/,
    );
    await rejectOverride(
      {
        executionId: `retry-${run}`,
        rejected_by: "ops@example.com",
        approver_role: "payments-ops",
        reason: "Not acceptable.",
      },
      { store },
    );
    await expectRejectsParmanaError(
      store.record({
        attestation: retried,
        signer,
        verifier,
        ruleId: "hold-large-foreign-payment",
      }),
      "SYS-028",
      OverrideError,
      /and was resolved/,
    );
  });

  it("find by fingerprint: the one unresolved decision, else the latest resolved; several unresolved is SYS-028", async () => {
    // A prefix of its own: the other tests decide the same signals, so the same fingerprint.
    const own = new RedisPendingOverrideStore(raw, { signer, verifier, prefix: `${prefix}fp:` });
    const a = await decide(`fp-a-${run}`, own);
    const fingerprint = a.execution_fingerprint;
    expect((await own.find({ execution_fingerprint: fingerprint }))?.attestation.executionId).toBe(
      `fp-a-${run}`,
    );
    const b = await decide(`fp-b-${run}`, own);
    expect(b.execution_fingerprint).toBe(fingerprint);
    await expectRejectsParmanaError(
      own.find({ execution_fingerprint: fingerprint }),
      "SYS-028",
      OverrideError,
      /matches \d+ pending decisions/,
    );
    for (const id of await raw.smembers(`${prefix}fp:fingerprint:${fingerprint}`))
      await own.markResolved(id);
    expect((await own.find({ execution_fingerprint: fingerprint }))?.resolved).toBe(true);
    await decide(`fp-c-${run}`, own);
    const current = await own.find({ execution_fingerprint: fingerprint });
    expect(current?.attestation.executionId).toBe(`fp-c-${run}`);
    expect(current?.resolved).toBe(false);
    const approved = await approveOverride(
      {
        execution_fingerprint: fingerprint,
        approved_by: "risk@example.com",
        approver_role: "risk-manager",
        reason: "OK",
      },
      { store: own },
    );
    expect(approved.executionId).toBe(`fp-c-${run}`);
  });

  it("a record altered in Redis is refused (STORE-003), never approved", async () => {
    await decide(`tamper-${run}`);
    const key = `${prefix}override:execution:tamper-${run}`;
    const record = JSON.parse((await raw.hget(key, "record")) as string) as {
      attestation: Record<string, unknown>;
      overrideRoles?: string[];
    };
    record.attestation["decision"] = {
      action: "approve",
      requires_override: true,
      reason: "edited",
    };
    await raw.hset(key, "record", JSON.stringify(record));
    await expectRejectsParmanaError(
      store.find({ executionId: `tamper-${run}` }),
      "STORE-003",
      StoreError,
      /does not match its recorded hash/,
    );
    await raw.hset(key, "record", "{not json");
    await expectRejectsParmanaError(
      store.find({ executionId: `tamper-${run}` }),
      "STORE-003",
      StoreError,
      /is not JSON/,
    );
    await raw.set(`${prefix}override:execution:string-${run}`, "x");
    await expectRejectsParmanaError(
      store.find({ executionId: `string-${run}` }),
      "STORE-003",
      StoreError,
      /does not write/,
    );
    await expectRejectsParmanaError(
      approveOverride(
        {
          executionId: `tamper-${run}`,
          approved_by: "risk@example.com",
          approver_role: "risk-manager",
          reason: "OK",
        },
        { store },
      ),
      "STORE-003",
      StoreError,
    );
    expect(await raw.hexists(key, "resolved")).toBe(0);
  });

  it("bad input is SYS-024 and writes nothing", async () => {
    const before = (await raw.keys(`${prefix}*`)).sort();
    const attestation = await decide(`bad-${run}`);
    const afterDecide = (await raw.keys(`${prefix}*`)).sort();
    const cases: unknown[] = [
      null,
      { attestation: { ...attestation, executionId: "" }, signer, verifier, ruleId: "r" },
      { attestation, signer: {}, verifier, ruleId: "r" },
      { attestation, signer, verifier, ruleId: 5 },
      { attestation, signer, verifier, ruleId: "r", overrideRoles: [1] },
      {
        attestation: { ...attestation, executionId: "x".repeat(2000) },
        signer,
        verifier,
        ruleId: "r",
      },
      {
        attestation: { ...attestation, executionId: "bad\ud800", extra: 1n },
        signer,
        verifier,
        ruleId: "r",
      },
    ];
    for (const pending of cases) {
      await expectRejectsParmanaError(
        store.record(pending as never),
        "SYS-024",
        OverrideError,
        /pending decision/,
      );
    }
    expect((await raw.keys(`${prefix}*`)).sort()).toEqual(afterDecide);
    expect(afterDecide).toEqual(
      [
        ...new Set([
          ...before,
          `${prefix}override:execution:bad-${run}`,
          `${prefix}override:fingerprint:${attestation.execution_fingerprint}`,
        ]),
      ].sort(),
    );
  });
});
