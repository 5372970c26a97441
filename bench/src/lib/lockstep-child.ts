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
 * reader finds stdin empty with every byte of the next block end handed out, writes the process's
 * CPU time (every thread, microseconds) on descriptor 3. The block ends come in
 * PARMANA_BENCH_BLOCK_ENDS (cumulative byte offsets, the first 0: the child is up and waiting).
 */
const LOCKSTEP_REPORTER = `
import { writeSync } from "node:fs";
const ends = JSON.parse(process.env.PARMANA_BENCH_BLOCK_ENDS ?? "[]");
let next = 0;
let handedOut = 0;
const stdin = process.stdin;
const read = stdin.read;
stdin.read = function (...args) {
  const chunk = read.apply(this, args);
  if (chunk !== null) handedOut += chunk.length;
  else if (next < ends.length && handedOut >= ends[next]) {
    next += 1;
    const usage = process.cpuUsage();
    writeSync(3, String(usage.user + usage.system) + "\\n");
  }
  return chunk;
};
`;

/** CPU microseconds of each block, in the child and in this process. */
export interface LockstepBlocks {
  readonly childMicros: readonly number[];
  readonly hereMicros: readonly number[];
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
  const reports = cpuReports(child.stdio[3] as Readable, exitedEarly);
  const stdin = child.stdin as Writable;
  // A child that dies mid-block breaks the pipe; its exit is what gets reported (exitedEarly).
  stdin.on("error", () => undefined);
  try {
    const childMicros: number[] = [];
    const hereMicros: number[] = [];
    let before = await reports.next();
    for (let index = 0; index < blocks.length; index++) {
      stdin.write(blocks[index]);
      const after = await reports.next();
      childMicros.push(after - before);
      before = after;
      const start = process.cpuUsage();
      here(index);
      const used = process.cpuUsage(start);
      hereMicros.push(used.user + used.system);
    }
    stdin.end();
    const code = await exited;
    if (code !== 0) throw new Error(`${args[0]} exited with ${code}: ${stderr.slice(-400)}`);
    return { childMicros, hereMicros };
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The child's CPU reports, one number per line, read as they come. */
function cpuReports(stream: Readable, exitedEarly: Promise<never>): { next(): Promise<number> } {
  const ready: number[] = [];
  let waiting: ((value: number) => void) | undefined;
  let rest = "";
  stream.on("data", (data: Buffer) => {
    const lines = (rest + data.toString("utf8")).split("\n");
    rest = lines.pop() as string;
    for (const line of lines) {
      const value = Number(line);
      if (waiting !== undefined) {
        const resolve = waiting;
        waiting = undefined;
        resolve(value);
      } else ready.push(value);
    }
  });
  return {
    next: () => {
      const value = ready.shift();
      if (value !== undefined) return Promise.resolve(value);
      return Promise.race([new Promise<number>((resolve) => (waiting = resolve)), exitedEarly]);
    },
  };
}
