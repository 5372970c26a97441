// A separate process for the cross-process tests, run with tsx. The mode (first argument) says
// what it does; settings come in environment variables; it answers with one JSON line on stdout.
//   race       executeFromSignals CONCURRENCY times at once on one executionId, after "go" on stdin
//   decide     executeFromSignals once on signals that require an override
//   approve    approveOverride once with APPROVER_ROLE
//   reserve    reserve REPLAY_KEY, report the token, then wait to be killed (a crashed attempt)
import { createInterface } from "node:readline";
import {
  approveOverride,
  executeFromSignals,
  LocalSigner,
  LocalVerifier,
  ParmanaError,
} from "@parmanasystems/core";
import { Cluster, Redis } from "ioredis";
import { RedisPendingOverrideStore, RedisReplayStore } from "../../src/index.js";
import { APPROVED_SIGNALS, HELD_SIGNALS, paymentPolicies } from "./decision-fixtures.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`worker: ${name} is not set`);
  return value;
};

const nodes = process.env["CLUSTER_NODES"];
const client =
  nodes === undefined
    ? new Redis(env("WORKER_REDIS_URL"))
    : new Cluster(JSON.parse(nodes) as { host: string; port: number }[]);
const signer = new LocalSigner(env("PRIVATE_KEY_PEM"));
const verifier = new LocalVerifier(env("PUBLIC_KEY_PEM"));
const replayStore = new RedisReplayStore(client, {
  prefix: `${env("PREFIX")}replay:`,
  ...(process.env["RESERVATION_TTL_MS"] === undefined
    ? {}
    : { reservationTtlMs: Number(process.env["RESERVATION_TTL_MS"]) }),
});
const overrides = new RedisPendingOverrideStore(client, {
  signer,
  verifier,
  prefix: `${env("PREFIX")}override:`,
});
const options = { replayStore, policies: paymentPolicies(), pendingOverrideStore: overrides };

function answer(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function describeError(error: unknown): { code?: string; name?: string; message: string } {
  return ParmanaError.isInstance(error)
    ? { code: error.code, name: error.name, message: error.message }
    : { message: error instanceof Error ? error.message : String(error) };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === "race") {
    const concurrency = Number(env("CONCURRENCY"));
    const input = {
      executionId: env("EXECUTION_ID"),
      policyId: "payment-approval",
      policyVersion: "1.0.0",
      signals: APPROVED_SIGNALS,
    };
    // Connected and warmed up before the parent says go, so the calls really overlap.
    await client.ping();
    answer({ ready: true });
    await new Promise<void>((resolve) => {
      const lines = createInterface({ input: process.stdin });
      lines.once("line", () => {
        lines.close();
        resolve();
      });
    });
    const results = await Promise.allSettled(
      Array.from({ length: concurrency }, () =>
        executeFromSignals(input, signer, verifier, options),
      ),
    );
    const attestations = results.flatMap((result) =>
      result.status === "fulfilled" ? [result.value] : [],
    );
    const errors = results.flatMap((result) =>
      result.status === "rejected" ? [describeError(result.reason)] : [],
    );
    answer({
      attestations,
      replays: errors.filter((error) => error.code === "INV-013").length,
      others: errors.filter((error) => error.code !== "INV-013"),
    });
  } else if (mode === "decide") {
    const attestation = await executeFromSignals(
      {
        executionId: env("EXECUTION_ID"),
        policyId: "payment-approval",
        policyVersion: "1.0.0",
        signals: HELD_SIGNALS,
      },
      signer,
      verifier,
      options,
    );
    answer({ attestation });
  } else if (mode === "approve") {
    try {
      const record = await approveOverride(
        {
          executionId: env("EXECUTION_ID"),
          approved_by: `approver-${process.pid}@example.com`,
          approver_role: env("APPROVER_ROLE"),
          reason: "Reviewed the supporting documents.",
        },
        { store: overrides },
      );
      answer({ record });
    } catch (error) {
      answer({ error: describeError(error) });
    }
  } else if (mode === "reserve") {
    const token = await replayStore.reserve(env("REPLAY_KEY"));
    answer({ token });
    await new Promise(() => {}); // a crashed attempt: never confirms, never releases
  } else {
    throw new Error(`worker: unknown mode ${String(mode)}`);
  }
  client.disconnect();
}

main().catch((error: unknown) => {
  answer({ fatal: describeError(error) });
  process.exitCode = 1;
  client.disconnect();
});
