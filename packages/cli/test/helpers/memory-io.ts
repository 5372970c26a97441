import { Readable } from "node:stream";
import type { CliIo } from "../../src/cli/command.types.js";

/** A CliIo that records output, for running commands in-process. */
export interface MemoryIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/**
 * Builds an in-memory io.
 *
 * @param options - working directory, stdin text (undefined: a TTY with no input), TTY flags
 * @returns the io and accessors for what was written
 */
export function memoryIo(
  options: { cwd?: string; stdin?: string; stderrTTY?: boolean } = {},
): MemoryIo {
  let out = "";
  let err = "";
  const stdin = Readable.from(options.stdin === undefined ? [] : [options.stdin]) as Readable & {
    isTTY?: boolean;
  };
  if (options.stdin === undefined) stdin.isTTY = true;
  return {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: {
      write: (text: string) => (err += text),
      isTTY: options.stderrTTY === true,
      columns: 80,
    },
    stdin,
    cwd: options.cwd ?? process.cwd(),
    env: { NO_COLOR: "1" },
    out: () => out,
    err: () => err,
  };
}
