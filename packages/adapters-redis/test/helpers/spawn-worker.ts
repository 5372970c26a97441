import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
const TSX_CLI = require.resolve("tsx/cli");
const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** A running worker process and the JSON lines it printed. */
export interface Worker {
  readonly process: ChildProcessWithoutNullStreams;
  /** Resolves with the next JSON line the worker prints (rejects if it exits first). */
  next<T>(): Promise<T>;
  /** Resolves when the worker has exited. */
  readonly exited: Promise<number | null>;
}

/** Starts `worker.ts <mode>` under tsx with the given environment. */
export function startWorker(mode: string, env: Record<string, string>): Worker {
  const child = spawn(process.execPath, [TSX_CLI, WORKER, mode], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const lines: string[] = [];
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    const waiter = waiting.shift();
    if (waiter === undefined) lines.push(line);
    else waiter.resolve(line);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      // Let readline deliver the last lines first.
      setImmediate(() => {
        for (const waiter of waiting.splice(0)) {
          waiter.reject(
            new Error(`worker ${mode} exited (${String(code)}) before answering: ${stderr}`),
          );
        }
        resolve(code);
      });
    });
  });
  return {
    process: child,
    exited,
    next<T>(): Promise<T> {
      const line = lines.shift();
      const parse = (text: string): T => {
        const value = JSON.parse(text) as { fatal?: unknown };
        if (value.fatal !== undefined)
          throw new Error(`worker ${mode} failed: ${JSON.stringify(value.fatal)} ${stderr}`);
        return value as T;
      };
      if (line !== undefined) return Promise.resolve(parse(line));
      return new Promise<string>((resolve, reject) => waiting.push({ resolve, reject })).then(
        parse,
      );
    },
  };
}

/** Runs a worker to completion and returns its one answer. */
export async function runWorker<T>(mode: string, env: Record<string, string>): Promise<T> {
  const worker = startWorker(mode, env);
  const result = await worker.next<T>();
  await worker.exited;
  return result;
}
