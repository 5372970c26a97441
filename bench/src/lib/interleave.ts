// Interleaved CPU-time comparison of a few sides (the library against its floor). Each round runs
// every side's calls in slices (30 by default), the sides' slices alternating in an order rotated
// every slice: on a shared machine whose speed drifts over seconds, the sides are measured
// milliseconds apart, so a slow moment falls on all of them alike (with one block per side per
// round, blocks hundreds of milliseconds apart put 0.86-1.21 around a 1.07 ratio; slices, 1.04-1.10).
// Each slice is timed twice: process CPU time (user + system, what the calls cost, robust to
// waiting for a core) and wall time. A round's figure for a side is the sum over its slices, so a
// garbage collection that falls in one slice counts in full. Ratios are taken per round (side /
// baseline within the same round), then summarised as median and min–max over rounds.
import { median } from "./compare.js";
import { printTable, recordRatio } from "./report.js";

/** One side of the comparison: a single call, synchronous or not. */
export interface Side {
  readonly name: string;
  /** One call. Awaited only when `async` is true (a sync floor must not pay for an await). */
  readonly call: () => unknown;
  readonly async?: boolean;
}

/** Options of {@link interleave}. */
export interface InterleaveOptions {
  readonly rounds?: number;
  readonly callsPerRound?: number;
  /** Slices each round's calls of a side are run in, alternating with the other sides'. */
  readonly slicesPerRound?: number;
  readonly warmupCalls?: number;
}

/** Per-side figures. */
export interface SideResult {
  readonly name: string;
  /** CPU µs per call of each round. */
  readonly cpuMicros: readonly number[];
  /** Wall µs per call of each round. */
  readonly wallMicros: readonly number[];
}

/** Median and range of per-round ratios. */
export interface RatioSummary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly perRound: readonly number[];
}

/**
 * Runs the sides in interleaved, rotated rounds.
 *
 * @param sides - the sides; ratios are later taken against any one of them
 * @param options - rounds, calls per round, slices per round and warm-up calls per side
 * @returns each side's per-round CPU and wall time per call
 */
export async function interleave(
  sides: readonly Side[],
  options: InterleaveOptions = {},
): Promise<SideResult[]> {
  const rounds = options.rounds ?? 9;
  const calls = options.callsPerRound ?? 2000;
  const sliceCalls = Math.max(1, Math.ceil(calls / (options.slicesPerRound ?? 30)));
  const warmup = options.warmupCalls ?? 2000;
  for (const side of sides) await block(side, warmup);
  const cpu = sides.map(() => [] as number[]);
  const wall = sides.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    const cpuSum = sides.map(() => 0);
    const wallSum = sides.map(() => 0);
    for (let done = 0, slice = 0; done < calls; done += sliceCalls, slice++) {
      const count = Math.min(sliceCalls, calls - done);
      for (let step = 0; step < sides.length; step++) {
        const index = (round + slice + step) % sides.length;
        const figures = await block(sides[index] as Side, count);
        cpuSum[index] = (cpuSum[index] as number) + figures.cpu;
        wallSum[index] = (wallSum[index] as number) + figures.wall;
      }
    }
    for (let index = 0; index < sides.length; index++) {
      (cpu[index] as number[]).push((cpuSum[index] as number) / calls);
      (wall[index] as number[]).push((wallSum[index] as number) / calls);
    }
  }
  return sides.map((side, index) => ({
    name: side.name,
    cpuMicros: cpu[index] as number[],
    wallMicros: wall[index] as number[],
  }));
}

async function block(side: Side, calls: number): Promise<{ cpu: number; wall: number }> {
  const call = side.call;
  const cpuStart = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  if (side.async === true) for (let i = 0; i < calls; i++) await call();
  else for (let i = 0; i < calls; i++) call();
  const wall = Number(process.hrtime.bigint() - wallStart) / 1000;
  const used = process.cpuUsage(cpuStart);
  return { cpu: used.user + used.system, wall };
}

/**
 * Per-round ratios of one side to another.
 *
 * @param side - numerator
 * @param baseline - denominator
 * @param kind - CPU or wall time
 * @returns median and min–max over rounds
 */
export function ratioOf(
  side: SideResult,
  baseline: SideResult,
  kind: "cpu" | "wall",
): RatioSummary {
  const a = kind === "cpu" ? side.cpuMicros : side.wallMicros;
  const b = kind === "cpu" ? baseline.cpuMicros : baseline.wallMicros;
  const perRound = a.map((value, round) => value / (b[round] as number));
  return {
    median: median(perRound),
    min: Math.min(...perRound),
    max: Math.max(...perRound),
    perRound,
  };
}

/** Prints per-side medians (CPU and wall µs per call) under a heading, and records them. */
export function printSides(title: string, results: readonly SideResult[]): void {
  printTable(
    title,
    results.map((result) => ({
      case: result.name,
      "CPU µs/call (median of rounds)": median(result.cpuMicros).toFixed(2),
      "wall µs/call (median of rounds)": median(result.wallMicros).toFixed(2),
    })),
  );
}

/**
 * One line: `label = median (min–max over N rounds; wall median …) aim … MET|NOT MET`; the CPU and
 * wall ratios are recorded in the run's report.
 */
export function printRatio(
  label: string,
  side: SideResult,
  baseline: SideResult,
  aim: number | undefined,
): RatioSummary {
  const cpu = ratioOf(side, baseline, "cpu");
  const wall = ratioOf(side, baseline, "wall");
  const verdict =
    aim === undefined ? "" : ` aim <= ${aim} ${cpu.median <= aim ? "MET" : "NOT MET"}`;
  console.log(
    `ratio ${label} = ${cpu.median.toFixed(3)} CPU (per round min ${cpu.min.toFixed(3)}, max ${cpu.max.toFixed(3)}, ${cpu.perRound.length} rounds); wall ${wall.median.toFixed(3)} (${wall.min.toFixed(3)}–${wall.max.toFixed(3)});${verdict}`,
  );
  recordRatio({
    label,
    basis: "cpu",
    median: cpu.median,
    min: cpu.min,
    max: cpu.max,
    ...(aim === undefined ? {} : { aim: { op: "<=", value: aim } }),
  });
  recordRatio({ label, basis: "wall", median: wall.median, min: wall.min, max: wall.max });
  return cpu;
}
