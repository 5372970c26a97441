import type { CliIo } from "./command.types.js";

/**
 * The real process's streams, working directory and environment.
 *
 * @returns the io of this process
 */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
  };
}

/**
 * Sets the exit code and lets Node exit once stdout and stderr are flushed (process.exit could
 * cut off piped output).
 *
 * @param code - the exit code
 */
export function finish(code: number): void {
  process.exitCode = code;
}
