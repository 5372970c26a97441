import { ParmanaError } from "@parmanasystems/core";
import { CLI_CODES } from "../errors/index.js";
import type { CliIo } from "./command.types.js";
import { EXIT_CODES } from "./exit-codes.js";
import { escapeControls } from "../io/escape-controls.js";

/**
 * Collapses a message to one line so every error is exactly one line on stderr, and escapes the
 * control characters left (ESC and the like, from input data quoted in the message).
 */
export function oneLine(text: string): string {
  return escapeControls(text.replace(/\s*\r?\n\s*/g, " ").trim());
}

/**
 * Prints an error as one line on stderr, `parmana: [CODE] message`, and picks the exit code.
 * With `debug`, also prints the details, the cause chain and the stack trace.
 *
 * @param error - whatever was thrown
 * @param io - where to write
 * @param debug - whether --debug was given
 * @returns the exit code for the process
 */
export function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (ParmanaError.isInstance(error)) {
    io.stderr.write(`parmana: ${oneLine(error.message)}\n`);
    if (debug) writeDebug(error, io);
    return CLI_CODES[error.code]?.exitCode ?? EXIT_CODES.error;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(
    `parmana: [CLI-010] internal error: ${oneLine(message)}${debug ? "" : " (re-run with --debug for the stack trace)"}\n`,
  );
  if (debug) writeDebug(error, io);
  return EXIT_CODES.error;
}

function writeDebug(error: unknown, io: CliIo): void {
  let current: unknown = error;
  let depth = 0;
  while (current !== undefined && depth < 8) {
    if (current instanceof Error) {
      if (depth > 0) io.stderr.write(`caused by: `);
      io.stderr.write(`${current.stack ?? current.message}\n`);
      if (ParmanaError.isInstance(current) && current.details !== undefined) {
        io.stderr.write(`details: ${safeJson(current.details)}\n`);
      }
      current = current.cause;
    } else {
      io.stderr.write(`caused by: ${String(current)}\n`);
      current = undefined;
    }
    depth += 1;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}
