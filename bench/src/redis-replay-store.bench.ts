// RedisReplayStore against raw ioredis on the local Redis (REDIS_URL, default
// redis://127.0.0.1:6379), measured in the same run in alternating rounds, for both ways a store
// gets its connection:
//  - "client": a client you pass in, here with ioredis's default options, with the store's default
//    (`coalesceWrites` on: while replies are pending, the commands it issues in one tick leave in
//    batches of at most 8 per socket write) and with `coalesceWrites: false` (each command its own write, as for the raw
//    side on the same client).
//  - "url": the connection the store opens itself from a URL (default ioredis options), with the
//    store's default (`coalesceWrites` on).
//  1. reserve + confirm pairs per second through the store (SET NX PX, then the Lua
//     compare-and-set EVALSHA) against the raw pair `SET key v PX ttl NX` + `SET key confirmed PX
//     ttl` at 1, 16 and 128 pairs in flight: the client form (both settings) against raw on the
//     same client; the URL form against raw ioredis with default options and against raw ioredis with
//     `enableAutoPipelining` (ioredis's own batching). Aim: >= 80% of the raw rate at every
//     concurrency.
//  2. executeFromSignals with RedisReplayStore (both forms, and the client form with
//     `coalesceWrites: false`) against the same calls with
//     MemoryReplayStore: median time per call one at a time, and throughput and CPU per call with
//     16 calls in flight. Aim: <= 1.3x.
// Ratios are medians of per-round ratios, by wall time and by CPU time (this process plus the
// Redis server, from INFO cpu): on a loaded machine the CPU figures are the steadier evidence. Keys get a 60 s TTL on both sides, so the bench leaves
// nothing behind. Skipped (with the reason) when Redis does not answer.
import { RedisReplayStore } from "@parmanasystems/adapters-redis";
import { executeFromSignals, type ReplayStore } from "@parmanasystems/core";
import { Redis } from "ioredis";
import { median } from "./lib/compare.js";
import { loanBench } from "./lib/loan-bench.js";
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

/** One pair comparison: which store, against which raw client. */
interface PairVariant {
  /** Short name, in keys, labels and verdicts. */
  readonly id: string;
  /** What is compared, for the table's title. */
  readonly title: string;
  /** Appended to the ratio labels (empty for the client form, as in earlier reports). */
  readonly labelSuffix: string;
}

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
  const settings = {
    prefix: `parmana-bench:${run}:`,
    confirmedTtlMs: TTL_MS,
    reservationTtlMs: TTL_MS,
  };
  // ioredis's own batching: the strongest raw baseline for the store's coalesced URL connection.
  const rawPipelined = new Redis(REDIS_URL, { enableAutoPipelining: true });
  const clientStore = new RedisReplayStore(raw, settings);
  const plainClientStore = new RedisReplayStore(raw, { ...settings, coalesceWrites: false });
  const urlStore = new RedisReplayStore(REDIS_URL, settings);
  try {
    await comparePairs(
      {
        id: "client",
        title:
          "store on a client passed in (default ioredis options; store default, coalesceWrites on) vs raw on that client",
        labelSuffix: "",
      },
      raw,
      clientStore,
      run,
      raw,
    );
    await comparePairs(
      {
        id: "client-plain",
        title:
          "store on a client passed in with coalesceWrites: false (one write per command) vs raw on that client",
        labelSuffix: " (client form, coalesceWrites: false)",
      },
      raw,
      plainClientStore,
      run,
      raw,
    );
    await comparePairs(
      {
        id: "url",
        title:
          "store on its own URL connection (default ioredis options; coalesceWrites on) vs raw ioredis, default options",
        labelSuffix: " (URL form vs raw, default options)",
      },
      raw,
      urlStore,
      run,
      raw,
    );
    await comparePairs(
      {
        id: "url-ap",
        title:
          "store on its own URL connection (coalesceWrites on) vs raw ioredis with enableAutoPipelining",
        labelSuffix: " (URL form vs raw auto-pipelined)",
      },
      rawPipelined,
      urlStore,
      run,
      raw,
    );
    await compareExecute(
      { client: clientStore, "client-plain": plainClientStore, url: urlStore },
      run,
      raw,
    );
  } finally {
    await clientStore.disconnect();
    await plainClientStore.disconnect();
    await urlStore.disconnect();
    await rawPipelined.quit();
    await raw.quit();
  }
}

async function comparePairs(
  variant: PairVariant,
  raw: Redis,
  store: RedisReplayStore,
  run: string,
  meter: Redis,
): Promise<void> {
  let next = 0;
  const ours = async (): Promise<void> => {
    const key = `pair-${variant.id}-${next++}`;
    const token = await store.reserve(key);
    await store.confirm(key, token);
  };
  const baseline = async (): Promise<void> => {
    const key = `parmana-bench:${run}:raw-${variant.id}-${next++}`;
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
        const cpu = await cpuMeter(meter);
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
      label: `RedisReplayStore / raw pair rate, ${concurrency} in flight${variant.labelSuffix}`,
      basis: "wall",
      median: ratio,
      min: Math.min(...roundRatios),
      max: Math.max(...roundRatios),
      aim: { op: ">=", value: PAIR_AIM },
    });
    recordRatio({
      label: `RedisReplayStore / raw pair rate, ${concurrency} in flight${variant.labelSuffix}`,
      basis: "cpu (client + server)",
      median: median(cpuRatios),
      min: Math.min(...cpuRatios),
      max: Math.max(...cpuRatios),
      aim: { op: ">=", value: PAIR_AIM },
    });
    verdicts.push(
      `${variant.id}, concurrency ${concurrency}: ${(ratio * 100).toFixed(1)}% of raw by wall-time rate (per round ${Math.min(...roundRatios).toFixed(2)}–${Math.max(...roundRatios).toFixed(2)}), ${(median(cpuRatios) * 100).toFixed(1)}% by CPU per pair (aim >= ${PAIR_AIM * 100}%) ${ratio >= PAIR_AIM ? "MET" : "NOT MET"} by wall, ${median(cpuRatios) >= PAIR_AIM ? "MET" : "NOT MET"} by CPU`,
    );
  }
  printTable(
    `RedisReplayStore reserve+confirm vs raw ioredis SET NX + SET: ${variant.title} (${REDIS_URL}, median of ${ROUNDS} alternating rounds)`,
    rows,
  );
  for (const verdict of verdicts) console.log(verdict);
}

async function compareExecute(
  redisStores: Record<"client" | "client-plain" | "url", ReplayStore>,
  run: string,
  meter: Redis,
): Promise<void> {
  const { policy, signer, verifier, options } = loanBench();
  const { policies, replayStore: memoryStore } = options;
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
  const calls = {
    memory: execute(memoryStore),
    client: execute(redisStores.client),
    "client-plain": execute(redisStores["client-plain"]),
    url: execute(redisStores.url),
  };
  type Side = keyof typeof calls;
  const sides: Side[] = ["memory", "client", "client-plain", "url"];
  for (const side of sides) await inFlight(calls[side], 16, EXECUTE_CALLS_PER_ROUND);

  const latency: Record<Side, number[]> = { memory: [], client: [], "client-plain": [], url: [] };
  const throughput: Record<Side, number[]> = {
    memory: [],
    client: [],
    "client-plain": [],
    url: [],
  };
  const cpu: Record<Side, number[]> = { memory: [], client: [], "client-plain": [], url: [] };
  for (let round = 0; round < ROUNDS; round++) {
    // The sides' order turns and reverses from round to round, so none always runs first or last.
    const order = sides.map((_, i) => (i + round) % sides.length);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      const side = sides[index] as Side;
      const call = calls[side];
      const samples: number[] = [];
      for (let i = 0; i < EXECUTE_CALLS_PER_ROUND / 3; i++) {
        const start = process.hrtime.bigint();
        await call();
        samples.push(Number(process.hrtime.bigint() - start) / 1000);
      }
      latency[side].push(median(samples));
      const cpuOf = await cpuMeter(meter);
      throughput[side].push(
        EXECUTE_CALLS_PER_ROUND / (await inFlight(call, 16, EXECUTE_CALLS_PER_ROUND)),
      );
      cpu[side].push((await cpuOf()) / EXECUTE_CALLS_PER_ROUND);
    }
  }
  const rows: Record<string, string>[] = [];
  const verdicts: string[] = [];
  for (const form of ["client", "client-plain", "url"] as const) {
    const name = {
      client: "a client passed in (store default: coalesceWrites on)",
      "client-plain": "a client passed in, coalesceWrites: false",
      url: "its own URL connection (store default: coalesceWrites on)",
    }[form];
    const latencyRatios = latency[form].map((v, i) => v / (latency.memory[i] as number));
    const throughputRatios = throughput.memory.map((v, i) => v / (throughput[form][i] as number));
    const cpuRatios = cpu[form].map((v, i) => v / (cpu.memory[i] as number));
    const latencyRatio = median(latencyRatios);
    const throughputRatio = median(throughputRatios);
    const cpuRatio = median(cpuRatios);
    rows.push({
      "RedisReplayStore on": name,
      "one at a time µs/call, Redis / memory": `${median(latency[form]).toFixed(1)} / ${median(latency.memory).toFixed(1)}`,
      "time ratio, one at a time": latencyRatio.toFixed(3),
      "16 in flight calls/s, Redis / memory": `${Math.round(median(throughput[form])).toLocaleString("en-US")} / ${Math.round(median(throughput.memory)).toLocaleString("en-US")}`,
      "time ratio, 16 in flight": throughputRatio.toFixed(3),
      "CPU µs/call, Redis / memory": `${median(cpu[form]).toFixed(1)} / ${median(cpu.memory).toFixed(1)}`,
      "CPU ratio": `${cpuRatio.toFixed(3)} (${Math.min(...cpuRatios).toFixed(2)}–${Math.max(...cpuRatios).toFixed(2)})`,
    });
    // The client form keeps the labels of earlier reports; the others say which they are.
    const suffix = {
      client: "",
      "client-plain": " (client form, coalesceWrites: false)",
      url: " (URL form)",
    }[form];
    recordRatio({
      label: `executeFromSignals with Redis / with memory, 16 in flight${suffix}`,
      basis: "cpu (client + server)",
      median: cpuRatio,
      min: Math.min(...cpuRatios),
      max: Math.max(...cpuRatios),
      aim: { op: "<=", value: EXECUTE_AIM },
    });
    recordRatio({
      label: `executeFromSignals with Redis / with memory, 16 in flight${suffix}`,
      basis: "wall",
      median: throughputRatio,
      min: Math.min(...throughputRatios),
      max: Math.max(...throughputRatios),
      aim: { op: "<=", value: EXECUTE_AIM },
    });
    recordRatio({
      label: `executeFromSignals with Redis / with memory, one at a time${suffix}`,
      basis: "wall",
      median: latencyRatio,
      min: Math.min(...latencyRatios),
      max: Math.max(...latencyRatios),
    });
    verdicts.push(
      `${form} form: CPU per call (client + Redis server), 16 in flight: ${median(cpu[form]).toFixed(1)} µs with Redis, ${median(cpu.memory).toFixed(1)} µs with memory; ratio ${cpuRatio.toFixed(3)} (per round ${Math.min(...cpuRatios).toFixed(2)}–${Math.max(...cpuRatios).toFixed(2)}; aim <= ${EXECUTE_AIM}) ${cpuRatio <= EXECUTE_AIM ? "MET" : "NOT MET"}`,
      `${form} form: time per call with Redis / with memory: ${latencyRatio.toFixed(3)} one at a time (adds two loopback round trips), ${throughputRatio.toFixed(3)} with 16 in flight (aim <= ${EXECUTE_AIM}) ${throughputRatio <= EXECUTE_AIM ? "MET" : "NOT MET"}`,
    );
  }
  printTable(
    `executeFromSignals with RedisReplayStore vs MemoryReplayStore (median of ${ROUNDS} rotating rounds)`,
    rows,
  );
  for (const verdict of verdicts) console.log(verdict);
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
