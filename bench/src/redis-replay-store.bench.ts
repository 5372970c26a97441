// RedisReplayStore against raw ioredis on the local Redis (REDIS_URL, default
// redis://127.0.0.1:6379), measured in the same run in alternating rounds:
//  1. reserve + confirm pairs per second through the store (SET NX PX, then the Lua
//     compare-and-set EVALSHA) against the raw pair `SET key v PX ttl NX` + `SET key confirmed PX
//     ttl` at 1, 16 and 128 pairs in flight. Aim: >= 80% of the raw rate at every concurrency.
//  2. executeFromSignals with RedisReplayStore against the same calls with MemoryReplayStore:
//     median time per call one at a time, and throughput with 16 calls in flight. Aim: <= 1.3x.
// Ratios are medians of per-round ratios, by wall time and by CPU time (this process plus the
// Redis server, from INFO cpu): on a loaded machine the CPU figures are the steadier evidence. Keys get a 60 s TTL on both sides, so the bench leaves
// nothing behind. Skipped (with the reason) when Redis does not answer.
import { readFileSync } from "node:fs";
import { RedisReplayStore } from "@parmanasystems/adapters-redis";
import {
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  type PolicyDocument,
  type ReplayStore,
} from "@parmanasystems/core";
import { Redis } from "ioredis";
import { median } from "./lib/compare.js";
import { LOAN_SIGNALS } from "./lib/loan-signals.js";
import { printTable, recordRatio, skipOrFail } from "./lib/report.js";
import { SMOKE } from "./lib/smoke.js";

const REDIS_URL = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";
// A smoke run: one round of a few dozen pairs or calls per side.
const ROUNDS = SMOKE ? 1 : 7;
const PAIRS_PER_ROUND: Record<number, number> = SMOKE
  ? { 1: 24, 16: 64, 128: 256 }
  : { 1: 600, 16: 3_000, 128: 6_000 };
const EXECUTE_CALLS_PER_ROUND = SMOKE ? 48 : 600;
const TTL_MS = 60_000;
const PAIR_AIM = 0.8;
const EXECUTE_AIM = 1.3;

/** Runs both comparisons and prints their tables and ratios. */
export async function runBench(): Promise<void> {
  const raw = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  raw.on("error", () => {});
  try {
    await raw.connect();
    await raw.ping();
  } catch (error) {
    raw.disconnect();
    skipOrFail(
      `redis-replay-store bench: Redis unreachable at ${REDIS_URL} (${error instanceof Error ? error.message : String(error)})`,
    );
    return;
  }
  const run = `${process.pid}-${Date.now()}`;
  const store = new RedisReplayStore(raw, {
    prefix: `parmana-bench:${run}:`,
    confirmedTtlMs: TTL_MS,
    reservationTtlMs: TTL_MS,
  });
  try {
    await comparePairs(raw, store, run);
    await compareExecute(store, run, raw);
  } finally {
    await store.disconnect();
    await raw.quit();
  }
}

async function comparePairs(raw: Redis, store: RedisReplayStore, run: string): Promise<void> {
  let next = 0;
  const ours = async (): Promise<void> => {
    const key = `pair-${next++}`;
    const token = await store.reserve(key);
    await store.confirm(key, token);
  };
  const baseline = async (): Promise<void> => {
    const key = `parmana-bench:${run}:raw-${next++}`;
    if ((await raw.set(key, "reserved:x", "PX", TTL_MS, "NX")) !== "OK") throw new Error("taken");
    await raw.set(key, "confirmed", "PX", TTL_MS);
  };
  const rows: Record<string, string>[] = [];
  const verdicts: string[] = [];
  for (const concurrency of [1, 16, 128]) {
    const pairs = PAIRS_PER_ROUND[concurrency] as number;
    await inFlight(ours, concurrency, pairs / 4); // warm-up (loads the script)
    await inFlight(baseline, concurrency, pairs / 4);
    const oursRates: number[] = [];
    const rawRates: number[] = [];
    const oursCpu: number[] = [];
    const rawCpu: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [true, false] : [false, true];
      for (const isOurs of order) {
        const cpu = await cpuMeter(raw);
        const seconds = await inFlight(isOurs ? ours : baseline, concurrency, pairs);
        (isOurs ? oursCpu : rawCpu).push((await cpu()) / pairs);
        (isOurs ? oursRates : rawRates).push(pairs / seconds);
      }
    }
    // CPU per pair, client and server together: what a saturated machine's rate follows, and far
    // less disturbed by other processes than wall time. Raw / ours, so >= 0.8 is the same aim.
    const cpuRatios = rawCpu.map((value, round) => value / (oursCpu[round] as number));
    // Judged on the median of per-round ratios: both sides of a round run back to back, so a
    // slow moment of the shared machine weighs on one round, not on the verdict.
    const roundRatios = oursRates.map((rate, round) => rate / (rawRates[round] as number));
    const ratio = median(roundRatios);
    rows.push({
      "in flight": String(concurrency),
      "RedisReplayStore pairs/s": Math.round(median(oursRates)).toLocaleString("en-US"),
      "raw SET NX + SET pairs/s": Math.round(median(rawRates)).toLocaleString("en-US"),
      "ratio (median of rounds)": ratio.toFixed(3),
      "per round": roundRatios.map((value) => value.toFixed(2)).join(" "),
      "CPU µs/pair ours / raw": `${median(oursCpu).toFixed(1)} / ${median(rawCpu).toFixed(1)}`,
      "CPU rate ratio": `${median(cpuRatios).toFixed(3)} (${Math.min(...cpuRatios).toFixed(2)}–${Math.max(...cpuRatios).toFixed(2)})`,
    });
    recordRatio({
      label: `RedisReplayStore / raw pair rate, ${concurrency} in flight`,
      basis: "wall",
      median: ratio,
      min: Math.min(...roundRatios),
      max: Math.max(...roundRatios),
      aim: { op: ">=", value: PAIR_AIM },
    });
    recordRatio({
      label: `RedisReplayStore / raw pair rate, ${concurrency} in flight`,
      basis: "cpu (client + server)",
      median: median(cpuRatios),
      min: Math.min(...cpuRatios),
      max: Math.max(...cpuRatios),
      aim: { op: ">=", value: PAIR_AIM },
    });
    verdicts.push(
      `concurrency ${concurrency}: ${(ratio * 100).toFixed(1)}% of raw by wall-time rate (per round ${Math.min(...roundRatios).toFixed(2)}–${Math.max(...roundRatios).toFixed(2)}), ${(median(cpuRatios) * 100).toFixed(1)}% by CPU per pair (aim >= ${PAIR_AIM * 100}%) ${ratio >= PAIR_AIM ? "MET" : "NOT MET"} by wall, ${median(cpuRatios) >= PAIR_AIM ? "MET" : "NOT MET"} by CPU`,
    );
  }
  printTable(
    `RedisReplayStore reserve+confirm vs raw ioredis SET NX + SET (${REDIS_URL}, median of ${ROUNDS} alternating rounds)`,
    rows,
  );
  for (const verdict of verdicts) console.log(verdict);
}

async function compareExecute(redisStore: ReplayStore, run: string, raw: Redis): Promise<void> {
  const policy = JSON.parse(
    readFileSync(new URL("../fixtures/loan-approval-policy.json", import.meta.url), "utf8"),
  ) as PolicyDocument;
  const { privateKeyPem, publicKeyPem } = generateKeyPair();
  const signer = new LocalSigner(privateKeyPem);
  const verifier = new LocalVerifier(publicKeyPem);
  const policies = new MemoryPolicyRegistry([policy]);
  const memoryStore = new MemoryReplayStore({ maxSize: 10_000_000, warnInProduction: false });
  let next = 0;
  const execute = (replayStore: ReplayStore) => () =>
    executeFromSignals(
      {
        executionId: `bench-${run}-${next++}`,
        policyId: policy.policyId,
        policyVersion: policy.policyVersion,
        signals: LOAN_SIGNALS,
      },
      signer,
      verifier,
      { replayStore, policies },
    ).then(() => undefined);
  const withRedis = execute(redisStore);
  const withMemory = execute(memoryStore);
  await inFlight(withRedis, 16, EXECUTE_CALLS_PER_ROUND);
  await inFlight(withMemory, 16, EXECUTE_CALLS_PER_ROUND);

  const latency = { redis: [] as number[], memory: [] as number[] };
  const throughput = { redis: [] as number[], memory: [] as number[] };
  const cpu = { redis: [] as number[], memory: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const order: ("redis" | "memory")[] =
      round % 2 === 0 ? ["redis", "memory"] : ["memory", "redis"];
    for (const side of order) {
      const call = side === "redis" ? withRedis : withMemory;
      const samples: number[] = [];
      for (let i = 0; i < EXECUTE_CALLS_PER_ROUND / 3; i++) {
        const start = process.hrtime.bigint();
        await call();
        samples.push(Number(process.hrtime.bigint() - start) / 1000);
      }
      latency[side].push(median(samples));
      const cpuOf = await cpuMeter(raw);
      throughput[side].push(
        EXECUTE_CALLS_PER_ROUND / (await inFlight(call, 16, EXECUTE_CALLS_PER_ROUND)),
      );
      cpu[side].push((await cpuOf()) / EXECUTE_CALLS_PER_ROUND);
    }
  }
  const latencyRatio = median(latency.redis.map((v, i) => v / (latency.memory[i] as number)));
  const throughputRatio = median(
    throughput.memory.map((v, i) => v / (throughput.redis[i] as number)),
  );
  printTable(
    `executeFromSignals with RedisReplayStore vs MemoryReplayStore (median of ${ROUNDS} alternating rounds)`,
    [
      {
        case: "one call at a time (median µs/call)",
        RedisReplayStore: median(latency.redis).toFixed(1),
        MemoryReplayStore: median(latency.memory).toFixed(1),
        "time ratio": latencyRatio.toFixed(3),
      },
      {
        case: "16 in flight (calls/s)",
        RedisReplayStore: Math.round(median(throughput.redis)).toLocaleString("en-US"),
        MemoryReplayStore: Math.round(median(throughput.memory)).toLocaleString("en-US"),
        "time ratio": throughputRatio.toFixed(3),
      },
    ],
  );
  const cpuRatios = cpu.redis.map((value, round) => value / (cpu.memory[round] as number));
  recordRatio({
    label: "executeFromSignals with Redis / with memory, 16 in flight",
    basis: "cpu (client + server)",
    median: median(cpuRatios),
    min: Math.min(...cpuRatios),
    max: Math.max(...cpuRatios),
    aim: { op: "<=", value: EXECUTE_AIM },
  });
  recordRatio({
    label: "executeFromSignals with Redis / with memory, 16 in flight",
    basis: "wall",
    median: throughputRatio,
    aim: { op: "<=", value: EXECUTE_AIM },
  });
  recordRatio({
    label: "executeFromSignals with Redis / with memory, one at a time",
    basis: "wall",
    median: latencyRatio,
  });
  console.log(
    `CPU per call (client + Redis server), 16 in flight: ${median(cpu.redis).toFixed(1)} µs with Redis, ${median(cpu.memory).toFixed(1)} µs with memory; ratio ${median(cpuRatios).toFixed(3)} (per round ${Math.min(...cpuRatios).toFixed(2)}–${Math.max(...cpuRatios).toFixed(2)}; aim <= ${EXECUTE_AIM}) ${median(cpuRatios) <= EXECUTE_AIM ? "MET" : "NOT MET"}`,
  );
  console.log(
    `time per call with Redis / with memory: ${latencyRatio.toFixed(3)} one at a time (adds two loopback round trips), ${throughputRatio.toFixed(3)} with 16 in flight (aim <= ${EXECUTE_AIM}) ${throughputRatio <= EXECUTE_AIM ? "MET" : "NOT MET"}`,
  );
}

/** Runs `total` calls of `task`, `concurrency` at a time; returns the elapsed seconds. */
async function inFlight(
  task: () => Promise<void>,
  concurrency: number,
  total: number,
): Promise<number> {
  let started = 0;
  const start = process.hrtime.bigint();
  const lane = async (): Promise<void> => {
    while (started < total) {
      started++;
      await task();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Starts measuring CPU time: this process's (user + system) plus the Redis server's, read from
 * INFO cpu (the server is local; its figure includes any other client's load, normally none).
 * The returned function gives the microseconds used since.
 */
async function cpuMeter(redis: Redis): Promise<() => Promise<number>> {
  const serverStart = await serverCpuMicros(redis);
  const clientStart = process.cpuUsage();
  return async () => {
    const client = process.cpuUsage(clientStart);
    const server = (await serverCpuMicros(redis)) - serverStart;
    return client.user + client.system + server;
  };
}

async function serverCpuMicros(redis: Redis): Promise<number> {
  const info = await redis.info("cpu");
  const read = (name: string): number => {
    const match = new RegExp(`^${name}:([0-9.]+)`, "m").exec(info);
    if (match === null) throw new Error(`INFO cpu has no ${name}`);
    return Number(match[1]) * 1e6;
  };
  return read("used_cpu_user") + read("used_cpu_sys");
}
