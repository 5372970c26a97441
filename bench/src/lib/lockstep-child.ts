// A Node child that reads NDJSON on stdin (the CLI, or a plain script), run in lockstep with a
// side in this process, block by block: this process writes one block of lines to the child's
// stdin and waits until the child has taken all of it and asks stdin for more (by then it has
// handled every line it was given), then runs its own side on the same lines, then writes the next
// block. Each side's CPU time per block comes from its own process, so the two are measured tens
// of milliseconds apart, over and over: a shared machine whose speed drifts over seconds slows both
// alike, where whole runs measured one after the other would each catch a different moment.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Readable, Writable } from "node:stream";

/**
 * Loaded first in the child (--import). It counts the bytes stdin hands out and, each time the
 * reader finds stdin empty with every byte of the next block end handed out, writes on descriptor
 * 3 the process's CPU time (every thread, microseconds) when stdin handed out the block's first
 * bytes, and now. The block ends come in PARMANA_BENCH_BLOCK_ENDS (cumulative byte offsets, the
 * first 0: the child is up and waiting).
 */
const LOCKSTEP_REPORTER = `
import { writeSync } from "node:fs";
const ends = JSON.parse(process.env.PARMANA_BENCH_BLOCK_ENDS ?? "[]");
const cpuMicros = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};
let next = 0;
let handedOut = 0;
let blockStart;
const stdin = process.stdin;
const read = stdin.read;
stdin.read = function (...args) {
  const chunk = read.apply(this, args);
  if (chunk !== null) {
    blockStart ??= cpuMicros();
    handedOut += chunk.length;
  } else if (next < ends.length && handedOut >= ends[next]) {
    next += 1;
    const now = cpuMicros();
    writeSync(3, (blockStart ?? now) + " " + now + "\\n");
    blockStart = undefined;
  }
  return chunk;
};
`;

/** CPU microseconds of each block, in the child and in this process, counted two ways. */
export interface LockstepBlocks {
  /** The child's, from stdin handing out the block's first bytes to finding stdin empty. */
  readonly childMicros: readonly number[];
  /** This process's, around its side. */
  readonly hereMicros: readonly number[];
  /**
   * The child's, from its report on the block before to its report on this one: with what it did
   * while this process had the turn (V8's background threads finishing its garbage collection).
   */
  readonly childCycleMicros: readonly number[];
  /** This process's, likewise: from the end of its side for the block before to its end now. */
  readonly hereCycleMicros: readonly number[];
}

/**
 * Runs `args` (node's arguments: a script and its own) with `blocks` fed to its stdin one at a
 * time, and `here(index)` in this process after the child has handled block `index`.
 *
 * @param args - the child's node arguments
 * @param blocks - NDJSON blocks, each ending in a newline
 * @param here - this process's side for block `index`; its CPU time is measured around it
 * @returns per-block CPU microseconds of both sides
 */
export async function runInLockstep(
  args: readonly string[],
  blocks: readonly Buffer[],
  here: (index: number) => void,
): Promise<LockstepBlocks> {
  const dir = mkdtempSync(join(tmpdir(), "parmana-lockstep-"));
  const reporter = join(dir, "lockstep-reporter.mjs");
  writeFileSync(reporter, LOCKSTEP_REPORTER);
  const ends = [0];
  for (const block of blocks) ends.push((ends.at(-1) as number) + block.length);
  const child = spawn(process.execPath, ["--import", pathToFileURL(reporter).href, ...args], {
    stdio: ["pipe", "ignore", "pipe", "pipe"],
    env: { ...process.env, PARMANA_BENCH_BLOCK_ENDS: JSON.stringify(ends) },
  });
  let stderr = "";
  (child.stderr as Readable).on("data", (data: Buffer) => (stderr += data.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  // Settles only when the child exits before its next report; handled, as a normal exit ends it too.
  const exitedEarly = exited.then((code): never => {
    throw new Error(`${args[0]} exited (${code}) before it reported: ${stderr.slice(-400)}`);
  });
  exitedEarly.catch(() => undefined);
  const reports = blockReports(child.stdio[3] as Readable, exitedEarly);
  const stdin = child.stdin as Writable;
  // A child that dies mid-block breaks the pipe; its exit is what gets reported (exitedEarly).
  stdin.on("error", () => undefined);
  try {
    const measured = {
      childMicros: [] as number[],
      hereMicros: [] as number[],
      childCycleMicros: [] as number[],
      hereCycleMicros: [] as number[],
    };
    let childBefore = (await reports.next()).end;
    let hereBefore = cpuMicrosHere();
    for (let index = 0; index < blocks.length; index++) {
      stdin.write(blocks[index]);
      const report = await reports.next();
      measured.childMicros.push(report.end - report.start);
      measured.childCycleMicros.push(report.end - childBefore);
      childBefore = report.end;
      const start = cpuMicrosHere();
      here(index);
      const end = cpuMicrosHere();
      measured.hereMicros.push(end - start);
      measured.hereCycleMicros.push(end - hereBefore);
      hereBefore = end;
    }
    stdin.end();
    const code = await exited;
    if (code !== 0) throw new Error(`${args[0]} exited with ${code}: ${stderr.slice(-400)}`);
    return measured;
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

function cpuMicrosHere(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** One report of the child: its CPU time when the block started coming in, and when done. */
interface BlockReport {
  readonly start: number;
  readonly end: number;
}

/** The child's reports, one per line, read as they come. */
function blockReports(
  stream: Readable,
  exitedEarly: Promise<never>,
): { next(): Promise<BlockReport> } {
  const ready: BlockReport[] = [];
  let waiting: ((report: BlockReport) => void) | undefined;
  let rest = "";
  stream.on("data", (data: Buffer) => {
    const lines = (rest + data.toString("utf8")).split("\n");
    rest = lines.pop() as string;
    for (const line of lines) {
      const [start, end] = line.split(" ").map(Number) as [number, number];
      const report = { start, end };
      if (waiting !== undefined) {
        const resolve = waiting;
        waiting = undefined;
        resolve(report);
      } else ready.push(report);
    }
  });
  return {
    next: () => {
      const report = ready.shift();
      if (report !== undefined) return Promise.resolve(report);
      return Promise.race([
        new Promise<BlockReport>((resolve) => (waiting = resolve)),
        exitedEarly,
      ]);
    },
  };
}
