import { Bench } from "tinybench";
import { printTable } from "./report.js";
import { SMOKE } from "./smoke.js";

/** One measured operation. */
export interface BenchCase {
  readonly name: string;
  readonly fn: () => unknown;
}

/**
 * Figures of one case. Per-operation times are medians (p50) of each round's samples, then the
 * median over rounds: on a shared machine, means are dragged by scheduling spikes.
 */
export interface CaseResult {
  readonly name: string;
  /** Operations per second, from the median time. */
  readonly opsPerSecond: number;
  /** Median time per operation, in microseconds (absent from results built outside `measure`). */
  readonly medianMicros?: number;
  /** Mean time per operation, in microseconds (median over rounds of each round's mean). */
  readonly meanMicros: number;
  /** Relative margin of error of the last round, in percent. */
  readonly rme: number;
}

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Rounds; each round runs every case once, in alternating order. */
  readonly rounds?: number;
  /** Time per case per round, in milliseconds. */
  readonly timeMs?: number;
}

/**
 * Runs the cases in several short rounds, reversing their order every round so that a slow
 * moment of a shared machine does not fall on one case only, and reports medians.
 */
export function measure(cases: readonly BenchCase[], options: MeasureOptions = {}): CaseResult[] {
  // A smoke run: one short round (tinybench still runs at least its minimum iterations).
  const rounds = options.rounds ?? (SMOKE ? 1 : 5);
  const timeMs = options.timeMs ?? (SMOKE ? 10 : 400);
  const warmupTime = SMOKE ? 5 : 100;
  const samples = new Map<string, { median: number[]; mean: number[]; rme: number }>();
  for (const { name } of cases) samples.set(name, { median: [], mean: [], rme: 0 });

  for (let round = 0; round < rounds; round++) {
    const ordered = round % 2 === 0 ? cases : [...cases].reverse();
    const bench = new Bench({ time: timeMs, warmupTime, throws: true });
    for (const { name, fn } of ordered) bench.add(name, fn);
    for (const task of bench.runSync()) {
      const result = task.result;
      const entry = samples.get(task.name);
      if (result === undefined || entry === undefined)
        throw new Error(`no result for ${task.name}`);
      entry.median.push((result.latency.p50 ?? result.latency.mean) * 1000);
      entry.mean.push(result.latency.mean * 1000);
      entry.rme = result.latency.rme;
    }
  }

  return cases.map(({ name }) => {
    const entry = samples.get(name);
    if (entry === undefined) throw new Error(`no samples for ${name}`);
    const medianMicros = median(entry.median);
    return {
      name,
      opsPerSecond: 1e6 / medianMicros,
      medianMicros,
      meanMicros: median(entry.mean),
      rme: entry.rme,
    };
  });
}

/** Prints a table of results under a heading (and records it in the run's report). */
export function printResults(title: string, results: readonly CaseResult[]): void {
  printTable(
    title,
    results.map((result) => ({
      case: result.name,
      "ops/s": Math.round(result.opsPerSecond).toLocaleString("en-US"),
      "median µs": result.medianMicros === undefined ? "-" : result.medianMicros.toFixed(2),
      "mean µs": result.meanMicros.toFixed(2),
      "± %": result.rme.toFixed(2),
    })),
  );
}

/** Median time per operation when measured, else the mean, in microseconds. */
export function typicalMicros(result: CaseResult): number {
  return result.medianMicros ?? result.meanMicros;
}

/** Finds a result by name or fails loudly. */
export function resultOf(results: readonly CaseResult[], name: string): CaseResult {
  const found = results.find((result) => result.name === name);
  if (found === undefined) throw new Error(`no result named ${name}`);
  return found;
}

/** Arithmetic mean. */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Median (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
