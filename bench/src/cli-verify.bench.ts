// `parmana verify attestation` on N attestations (NDJSON on stdin) against core's
// verifyAttestation in this process, in interleaved rounds.
//
// The CLI's cost per attestation is what each further attestation costs once the process is
// running and warm, measured inside one run: the CLI reads the same N attestations twice (2N lines)
// and, at the moment it takes the first chunk of the second N from stdin, the child notes its CPU
// time; the CPU from there to its exit, over the attestations after that point, is the figure. This
// leaves out what a run pays once, whatever its size: process start, loading the code, and the
// warm-up in which V8 interprets, then compiles, the hot code (this warm bench process did all that
// long ago). Both halves come from one process, so no start-up noise of two processes is
// subtracted. The first N of a run, warm-up included (CPU at that same point against a run on one
// attestation, over N - 1), is printed beside it, with the warm-up's CPU in milliseconds.
// CPU time is the child's user + system time, all threads (workers and V8's compiler threads
// included), as the child reads it from the kernel (process.cpuUsage, microseconds) and writes it
// on a descriptor of its own when it exits; wall time is beside it.
// The in-process side is JSON.parse + verifyAttestation per line (the CLI reads text too), and
// verifyAttestation alone is shown as well. A fresh process that only reads stdin in chunks,
// splits lines and does JSON.parse + verifyAttestation per line (a script on the same built core)
// is measured like the CLI, so CLI / fresh process is the CLI's own overhead.
// Workers: `--workers 0` verifies in the CLI's own thread (1 is the same path), `--workers 2`
// starts two worker threads. With workers, a chunk read is verified later, so the per-attestation
// figure there is a run on 4N against a run on 2N, over 2N: each worker has verified N before the
// measured part, as the one thread of `--workers 0` has at its mark, so each has warmed up alike
// (a worker warms up on its own share, half the inputs). A run on 2N against one on N, where each
// worker is measured from N/2 on, is shown beside it. Wall time per attestation with 2 workers
// against `--workers 0` is the scaling; it is judged against what raw node:crypto verifies of the
// same signing inputs get from two worker threads against one thread, in the same run.
// Aims: CLI per-attestation CPU <= 1.1x in-process verification; --workers 2 scaling within 1.1x
// of raw node:crypto's.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { attestationSigningInput, verifyAttestation } from "@parmanasystems/core";
import { median } from "./lib/compare.js";
import { loanBench } from "./lib/loan-bench.js";
import { runInLockstep } from "./lib/lockstep-child.js";
import { startRawVerifyThreads } from "./lib/raw-verify-threads.js";
import { printTable, recordRatio, skipOrFail } from "./lib/report.js";

const SMOKE = process.env["BENCH_SMOKE"] === "1";
const COUNT = SMOKE ? 40 : Number(process.env["CLI_BENCH_ATTESTATIONS"] ?? 3000);
const ROUNDS = SMOKE ? 1 : 7;
const AIM = 1.1;
const SCALING_AIM = 1.1;
// Lines per lockstep block: tens of milliseconds of verifying, short against the seconds over
// which a shared machine's speed drifts, long against the CPU clock's resolution.
const LOCKSTEP_BLOCK_LINES = SMOKE ? 10 : 150;
// CLI_BENCH_BIN times another build of the CLI (another checkout's dist/bin.js, for a before/after).
const CLI_BIN =
  process.env["CLI_BENCH_BIN"] ??
  fileURLToPath(new URL("../../packages/cli/dist/bin.js", import.meta.url));
const CORE_DIST = new URL("../../packages/core/dist/index.js", import.meta.url).href;
/** The fresh-process baseline: stdin read in chunks, split into lines, each parsed and verified. */
const PLAIN_SCRIPT = `
import { readFileSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { LocalVerifier, verifyAttestation } from ${JSON.stringify(CORE_DIST)};
const verifier = new LocalVerifier(readFileSync(process.argv[2], "utf8"));
const decoder = new StringDecoder("utf8");
let rest = "";
for await (const chunk of process.stdin) {
  const lines = (rest + decoder.write(chunk)).split("\\n");
  rest = lines.pop();
  for (const line of lines) {
    if (line !== "" && !verifyAttestation(JSON.parse(line), verifier).valid) process.exit(1);
  }
}
`;
/**
 * Loaded first in every measured child (--import). When the main thread exits, it writes on
 * descriptor 3 the process's CPU time so far (every thread's) and the time, in microseconds; with
 * PARMANA_BENCH_MARK_BYTES set, also both as they were when stdin handed out the chunk that
 * reaches that many bytes, with the bytes handed out before that chunk (all of them processed by
 * then: the reader takes a chunk only when done with the last).
 */
const CPU_REPORTER = `
import { writeSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";
const cpuMicros = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};
if (isMainThread) {
  const markAt = Number(process.env.PARMANA_BENCH_MARK_BYTES ?? "0");
  let mark;
  if (markAt > 0) {
    const stdin = process.stdin;
    const read = stdin.read;
    let handedOut = 0;
    stdin.read = function (...args) {
      const chunk = read.apply(this, args);
      if (chunk !== null && mark === undefined) {
        handedOut += chunk.length;
        if (handedOut >= markAt) {
          mark = { cpuMicros: cpuMicros(), nowMicros: performance.now() * 1000, bytes: handedOut - chunk.length };
        }
      }
      return chunk;
    };
  }
  process.on("exit", () => {
    const report = { cpuMicros: cpuMicros(), nowMicros: performance.now() * 1000, mark };
    writeSync(3, JSON.stringify(report) + "\\n");
  });
}
`;

/** One lockstep run: medians over its blocks. */
interface LockstepRound {
  /** The child's CPU µs per attestation. */
  readonly childMicros: number;
  /** This process's CPU µs per attestation, on the same lines right after. */
  readonly hereMicros: number;
  /** Child / this process, block by block, each side's CPU while it had the turn. */
  readonly ratio: number;
  /** The same, each side's CPU from its last block's end (what background threads did between). */
  readonly cycleRatio: number;
}

interface Run {
  readonly wallMicros: number;
  readonly cpuMicros: number;
}

/** What a measured child wrote on descriptor 3, with the wall time seen from here. */
interface ChildReport {
  readonly wallMicros: number;
  readonly cpuMicros: number;
  readonly nowMicros: number;
  readonly mark?: {
    readonly cpuMicros: number;
    readonly nowMicros: number;
    readonly bytes: number;
  };
}

/** Runs the comparison and prints per-attestation costs, ratios and the worker scaling. */
export async function runBench(): Promise<void> {
  if (!existsSync(CLI_BIN)) {
    skipOrFail(`${CLI_BIN} is missing (run pnpm build first)`);
    return;
  }
  const bench = loanBench();
  const { verifier } = bench;
  const { publicKeyPem } = bench.keys;
  const lines: string[] = [];
  const signingInputs: Uint8Array[] = [];
  const signatures: Uint8Array[] = [];
  for (let i = 0; i < COUNT; i++) {
    const attestation = await bench.decide(`cli-bench-${i}`);
    lines.push(JSON.stringify(attestation));
    signingInputs.push(Buffer.from(attestationSigningInput(attestation), "utf8"));
    signatures.push(Buffer.from(attestation.signature, "base64"));
  }
  const raw = await startRawVerifyThreads(publicKeyPem, signingInputs, signatures);
  const dir = mkdtempSync(join(tmpdir(), "parmana-cli-bench-"));
  try {
    const keyFile = join(dir, "public.pem");
    const manyFile = join(dir, "many.ndjson");
    const oneFile = join(dir, "one.ndjson");
    const twiceFile = join(dir, "twice.ndjson");
    const fourTimesFile = join(dir, "four-times.ndjson");
    const plainFile = join(dir, "plain-verify.mjs");
    const reporterFile = join(dir, "report-cpu.mjs");
    const many = Buffer.from(`${lines.join("\n")}\n`, "utf8");
    // The same attestations twice: a verifier keeps no memory of what it saw, so the second half
    // costs what any further attestations would.
    const twice = Buffer.concat([many, many]);
    writeFileSync(plainFile, PLAIN_SCRIPT);
    writeFileSync(reporterFile, CPU_REPORTER);
    writeFileSync(keyFile, publicKeyPem);
    writeFileSync(manyFile, many);
    writeFileSync(oneFile, `${lines[0]}\n`);
    writeFileSync(twiceFile, twice);
    writeFileSync(fourTimesFile, Buffer.concat([twice, twice]));
    const reporter = pathToFileURL(reporterFile).href;

    // The same checks in this process: every line parsed and verified.
    const parsed = lines.map((line) => JSON.parse(line) as unknown);
    const inProcess = (withParse: boolean): Run => {
      const cpuStart = process.cpuUsage();
      const wallStart = process.hrtime.bigint();
      for (let i = 0; i < lines.length; i++) {
        const record = withParse ? (JSON.parse(lines[i] as string) as unknown) : parsed[i];
        if (!verifyAttestation(record, verifier).valid) throw new Error("in-process: invalid");
      }
      const cpu = process.cpuUsage(cpuStart);
      return {
        wallMicros: Number(process.hrtime.bigint() - wallStart) / 1000 / lines.length,
        cpuMicros: (cpu.user + cpu.system) / lines.length,
      };
    };
    const argsOf = (side: number | "plain"): string[] =>
      side === "plain"
        ? [plainFile, keyFile]
        : [
            CLI_BIN,
            ...["verify", "attestation", "--key", keyFile, "--quiet", "--workers", String(side)],
          ];
    /**
     * One run on 2N, marked where the second N starts, and one on a single attestation: per
     * attestation once warm (after the mark), and over the first N with warm-up (mark against the
     * run on one, over N - 1).
     */
    const inThisThread = (side: 0 | "plain"): { warm: Run; firstN: Run } => {
      const run = timeNode(twiceFile, argsOf(side), reporter, many.length);
      const one = timeNode(oneFile, argsOf(side), reporter);
      const mark = run.mark;
      if (mark === undefined) throw new Error(`${String(argsOf(side)[0])}: stdin was not marked`);
      const after = newlinesFrom(twice, mark.bytes);
      const before = newlinesFrom(twice, 0) - after;
      // Wall time from the child's start: the child's clock at the mark, against the one-line run's
      // whole life as seen from here (its start is the same for both).
      const startWall = run.wallMicros - run.nowMicros;
      return {
        warm: {
          wallMicros: (run.nowMicros - mark.nowMicros) / after,
          cpuMicros: (run.cpuMicros - mark.cpuMicros) / after,
        },
        firstN: {
          wallMicros: (startWall + mark.nowMicros - one.wallMicros) / Math.max(before - 1, 1),
          cpuMicros: (mark.cpuMicros - one.cpuMicros) / Math.max(before - 1, 1),
        },
      };
    };
    /**
     * With workers, verification trails reading, so runs of different lengths are subtracted: 4N
     * against 2N over 2N (each worker measured once past N, like the one thread at its mark), and
     * 2N against N over N (each worker measured from N/2 on).
     */
    const onWorkers = (workers: number): { pastN: Run; pastHalfN: Run } => {
      const args = argsOf(workers);
      const single = timeNode(manyFile, args, reporter);
      const doubled = timeNode(twiceFile, args, reporter);
      const fourTimes = timeNode(fourTimesFile, args, reporter);
      const per = (longer: ChildReport, shorter: ChildReport, count: number): Run => ({
        wallMicros: (longer.wallMicros - shorter.wallMicros) / count,
        cpuMicros: (longer.cpuMicros - shorter.cpuMicros) / count,
      });
      return {
        pastN: per(fourTimes, doubled, 2 * COUNT),
        pastHalfN: per(doubled, single, COUNT),
      };
    };
    const rawOn = async (threads: 1 | 2): Promise<Run> => {
      const cpuStart = process.cpuUsage();
      const wall = threads === 2 ? await raw.onTwoThreads(COUNT) : raw.inThisThread(COUNT);
      const cpu = process.cpuUsage(cpuStart);
      return { wallMicros: wall / COUNT, cpuMicros: (cpu.user + cpu.system) / COUNT };
    };
    inProcess(true); // warm-up
    timeNode(oneFile, argsOf(0), reporter);

    const sides = [
      "in-process parse + verify",
      "in-process verify",
      "CLI --workers 0",
      "fresh process parse + verify",
      "CLI --workers 0, first N (warm-up included)",
      "fresh process parse + verify, first N (warm-up included)",
      "CLI --workers 2 (4N - 2N: each worker past N)",
      "raw node:crypto verify, this thread",
      "raw node:crypto verify, 2 worker threads",
      "CLI --workers 2 (2N - N: each worker past N/2)",
    ] as const;
    const runs: Run[][] = sides.map(() => []);
    // In lockstep, per round: the median over blocks of child / in-process, and each side's median
    // CPU µs per attestation.
    const lockstepRounds: Record<0 | "plain", LockstepRound[]> = { 0: [], plain: [] };
    const blocks = [many, ...blocksOf(lines, LOCKSTEP_BLOCK_LINES)];
    const inLockstep = async (side: 0 | "plain"): Promise<void> => {
      const measured = await runInLockstep(argsOf(side), blocks, (index) => {
        // Block 0 is the child's warm-up: nothing to compare it with here.
        if (index === 0) return;
        const from = (index - 1) * LOCKSTEP_BLOCK_LINES;
        const to = Math.min(from + LOCKSTEP_BLOCK_LINES, lines.length);
        for (let i = from; i < to; i++) {
          if (!verifyAttestation(JSON.parse(lines[i] as string), verifier).valid)
            throw new Error("in-process: invalid");
        }
      });
      // Block 0 left out; both sides of a block handled the same lines, so their ratio needs no count.
      const perAttestation = (micros: readonly number[]): number =>
        median(
          micros
            .slice(1)
            .map(
              (value, index) =>
                value / Math.min(LOCKSTEP_BLOCK_LINES, lines.length - index * LOCKSTEP_BLOCK_LINES),
            ),
        );
      const blockRatio = (child: readonly number[], here: readonly number[]): number =>
        median(child.slice(1).map((value, index) => value / (here[index + 1] as number)));
      lockstepRounds[side].push({
        childMicros: perAttestation(measured.childMicros),
        hereMicros: perAttestation(measured.hereMicros),
        ratio: blockRatio(measured.childMicros, measured.hereMicros),
        cycleRatio: blockRatio(measured.childCycleMicros, measured.hereCycleMicros),
      });
    };
    // Each measurement fills one side, or two from the same runs (once warm, and first N).
    const measurements: (() => Promise<void>)[] = [
      async () => void runs[0]?.push(inProcess(true)),
      async () => void runs[1]?.push(inProcess(false)),
      async () => {
        const { warm, firstN } = inThisThread(0);
        runs[2]?.push(warm);
        runs[4]?.push(firstN);
      },
      async () => {
        const { warm, firstN } = inThisThread("plain");
        runs[3]?.push(warm);
        runs[5]?.push(firstN);
      },
      async () => {
        const { pastN, pastHalfN } = onWorkers(2);
        runs[6]?.push(pastN);
        runs[9]?.push(pastHalfN);
      },
      async () => void runs[7]?.push(await rawOn(1)),
      async () => void runs[8]?.push(await rawOn(2)),
      () => inLockstep(0),
      () => inLockstep("plain"),
    ];
    for (let round = 0; round < ROUNDS; round++) {
      for (let step = 0; step < measurements.length; step++) {
        await (measurements[(round + step) % measurements.length] as () => Promise<void>)();
      }
    }
    printTable(
      `parmana verify attestation, ${COUNT} attestations on stdin (NDJSON), ${ROUNDS} interleaved rounds; per attestation, once warm unless marked`,
      sides.map((side, index) => ({
        case: side,
        "CPU µs/attestation": median((runs[index] as Run[]).map((run) => run.cpuMicros)).toFixed(1),
        "wall µs/attestation": median((runs[index] as Run[]).map((run) => run.wallMicros)).toFixed(
          1,
        ),
      })),
    );
    const perRound = (a: number, b: number, kind: keyof Run): number[] =>
      (runs[a] as Run[]).map((run, round) => run[kind] / ((runs[b] as Run[])[round] as Run)[kind]);
    /** Records per-round ratios in the report; returns them as "median (per round min–max)". */
    const recordRounds = (
      label: string,
      basis: "cpu" | "wall",
      rounds: readonly number[],
      aim?: number,
    ): string => {
      const [middle, min, max] = [median(rounds), Math.min(...rounds), Math.max(...rounds)];
      recordRatio({
        label,
        basis,
        median: middle,
        min,
        max,
        ...(aim === undefined ? {} : { aim: { op: "<=", value: aim } }),
      });
      return `${middle.toFixed(3)} (per round ${min.toFixed(3)}–${max.toFixed(3)})`;
    };
    const ratio = (a: number, b: number, kind: keyof Run): string =>
      recordRounds(
        `${sides[a]} / ${sides[b]}`,
        kind === "cpuMicros" ? "cpu" : "wall",
        perRound(a, b, kind),
      );
    const verdict = (value: number, aim: number): string => (value <= aim ? "MET" : "NOT MET");
    const lockstepRatio = (side: 0 | "plain", label: string, aim?: number): string => {
      const recorded = recordRounds(
        label,
        "cpu",
        lockstepRounds[side].map((round) => round.ratio),
        aim,
      );
      const middle = (pick: (round: LockstepRound) => number): number =>
        median(lockstepRounds[side].map(pick));
      return `${recorded}; CPU µs/attestation ${middle((round) => round.childMicros).toFixed(1)} against ${middle((round) => round.hereMicros).toFixed(1)}; from block end to block end ${middle((round) => round.cycleRatio).toFixed(3)}`;
    };
    const lockstepLabel = `CLI --workers 0 / in-process parse + verify, in lockstep blocks of ${LOCKSTEP_BLOCK_LINES}`;
    console.log(
      `ratio ${lockstepLabel} = ${lockstepRatio(0, lockstepLabel, AIM)} CPU; aim <= ${AIM} ${verdict(median(lockstepRounds[0].map((round) => round.ratio)), AIM)}`,
    );
    const plainLabel = `fresh process parse + verify / in-process parse + verify, in lockstep blocks of ${LOCKSTEP_BLOCK_LINES}`;
    console.log(`ratio ${plainLabel} = ${lockstepRatio("plain", plainLabel)} CPU`);
    console.log(
      `ratio CLI --workers 0 / in-process parse + verify, whole runs = ${ratio(2, 0, "cpuMicros")} CPU; wall ${ratio(2, 0, "wallMicros")}`,
    );
    console.log(
      `ratio CLI --workers 0 / in-process verify alone = ${ratio(2, 1, "cpuMicros")} CPU`,
    );
    console.log(
      `ratio CLI --workers 0 / fresh process parse + verify = ${ratio(2, 3, "cpuMicros")} CPU (the CLI's own overhead, both once warm)`,
    );
    console.log(
      `ratio fresh process parse + verify / in-process parse + verify = ${ratio(3, 0, "cpuMicros")} CPU (a new Node process once warm against this one)`,
    );
    console.log(
      `ratio CLI --workers 0, first N / in-process parse + verify = ${ratio(4, 0, "cpuMicros")} CPU (the first ${COUNT} of a run, V8's warm-up included)`,
    );
    console.log(
      `ratio fresh process, first N / in-process parse + verify = ${ratio(5, 0, "cpuMicros")} CPU (what any new Node process pays on its first ${COUNT})`,
    );
    const warmUpMillis = (first: number, warm: number): string =>
      median(
        (runs[first] as Run[]).map(
          (run, round) =>
            ((run.cpuMicros - ((runs[warm] as Run[])[round] as Run).cpuMicros) * (COUNT - 1)) /
            1000,
        ),
      ).toFixed(0);
    console.log(
      `warm-up, CPU ms once per run (first N against once warm): CLI --workers 0 ${warmUpMillis(4, 2)}, fresh process ${warmUpMillis(5, 3)}`,
    );
    console.log(
      `ratio CLI --workers 2 / --workers 0 = ${ratio(6, 2, "wallMicros")} wall; CPU ${ratio(6, 2, "cpuMicros")} (0.5 would be linear)`,
    );
    console.log(
      `ratio CLI --workers 2, each worker past N/2 / --workers 0 = ${ratio(9, 2, "wallMicros")} wall; CPU ${ratio(9, 2, "cpuMicros")} (the earlier method: 2N - N)`,
    );
    console.log(
      `ratio raw node:crypto, 2 worker threads / this thread = ${ratio(8, 7, "wallMicros")} wall; CPU ${ratio(8, 7, "cpuMicros")} (the floor: what two threads of one process get here)`,
    );
    const cliScaling = perRound(6, 2, "wallMicros");
    const rawScaling = perRound(8, 7, "wallMicros");
    const againstRaw = cliScaling.map((value, round) => value / (rawScaling[round] as number));
    const scalingLabel = "CLI --workers 2 scaling / raw node:crypto 2-thread scaling";
    console.log(
      `ratio ${scalingLabel} = ${recordRounds(scalingLabel, "wall", againstRaw, SCALING_AIM)} wall; aim <= ${SCALING_AIM} ${verdict(median(againstRaw), SCALING_AIM)}`,
    );
  } finally {
    await raw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Newlines in `bytes` from `start` on: the attestations there (every line ends in one). */
function newlinesFrom(bytes: Buffer, start: number): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a, start); at >= 0; at = bytes.indexOf(0x0a, at + 1)) count++;
  return count;
}

/**
 * One Node run (the CLI or the plain script) on an NDJSON file as stdin: what the child reported
 * on descriptor 3, and the wall time seen from here.
 */
function timeNode(
  input: string,
  args: readonly string[],
  reporter: string,
  markBytes?: number,
): ChildReport {
  const stdin = openSync(input, "r");
  try {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ["--import", reporter, ...args], {
      stdio: [stdin, "ignore", "pipe", "pipe"],
      encoding: "utf8",
      env: {
        ...process.env,
        PARMANA_BENCH_MARK_BYTES: markBytes === undefined ? "" : String(markBytes),
      },
    });
    const wallMicros = Number(process.hrtime.bigint() - started) / 1000;
    if (result.status !== 0) {
      throw new Error(`${args[0]} exited ${result.status}: ${String(result.stderr).slice(-2000)}`);
    }
    const reported = String(result.output[3] ?? "").trim();
    let report: Omit<ChildReport, "wallMicros">;
    try {
      report = JSON.parse(reported) as Omit<ChildReport, "wallMicros">;
    } catch {
      throw new Error(`${args[0]} reported no CPU time: ${JSON.stringify(reported.slice(-200))}`);
    }
    if (!Number.isFinite(report.cpuMicros)) {
      throw new Error(`${args[0]} reported no CPU time: ${JSON.stringify(reported.slice(-200))}`);
    }
    return { ...report, wallMicros };
  } finally {
    closeSync(stdin);
  }
}

/** The lines as NDJSON blocks of `size` lines each (the last may be shorter). */
function blocksOf(lines: readonly string[], size: number): Buffer[] {
  const blocks: Buffer[] = [];
  for (let from = 0; from < lines.length; from += size)
    blocks.push(Buffer.from(`${lines.slice(from, from + size).join("\n")}\n`, "utf8"));
  return blocks;
}
