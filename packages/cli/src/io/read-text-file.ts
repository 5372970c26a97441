import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { CliError } from "../errors/index.js";
import { escapeControls } from "./escape-controls.js";
import { duplicateKeyOf } from "./json-duplicate-keys.js";

/** Largest document the CLI reads, in bytes, unless `PARMANA_MAX_DOCUMENT_BYTES` says otherwise. */
export const DEFAULT_MAX_DOCUMENT_BYTES: number = 16 * 1024 * 1024;

/**
 * The size cap of one document (a file, a stdin line or a stdin document): the environment
 * variable `PARMANA_MAX_DOCUMENT_BYTES` (a positive integer) or 16 MiB.
 *
 * @param env - the environment
 * @returns bytes
 * @throws CliError `CLI-001` when the variable is set to something else
 */
export function maxDocumentBytes(
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  const value = env["PARMANA_MAX_DOCUMENT_BYTES"];
  if (value === undefined || value === "") return DEFAULT_MAX_DOCUMENT_BYTES;
  const bytes = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(bytes) || bytes < 1) {
    throw new CliError(
      "CLI-001",
      `PARMANA_MAX_DOCUMENT_BYTES must be a positive integer number of bytes, got ${JSON.stringify(escapeControls(value))}`,
    );
  }
  return bytes;
}

/** The one coded error for a document over the cap. */
export function tooLarge(what: string, shownPath: string, cap: number): CliError {
  return new CliError(
    "CLI-013",
    `${what} ${shownPath} is larger than ${cap} bytes (PARMANA_MAX_DOCUMENT_BYTES); refusing to read it`,
    { details: { maxBytes: cap } },
  );
}

const CHUNK_BYTES = 64 * 1024;

function errnoCode(error: unknown): string | undefined {
  return typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string"
    ? error.code
    : undefined;
}

/**
 * Reads a UTF-8 file, turning file-system failures into coded one-line errors. Only regular
 * files are read (a symlink is followed to its target), and at most
 * {@link maxDocumentBytes} bytes of them.
 *
 * @param absolutePath - the file
 * @param what - what the file is, for the message (e.g. "public key")
 * @param shownPath - the path as the user typed it
 * @returns the file's text
 * @throws CliError `CLI-002` not found, `CLI-003` unreadable or a directory, `CLI-012` not a
 *   regular file, `CLI-013` larger than the cap
 */
export function readTextFile(
  absolutePath: string,
  what: string,
  shownPath: string = absolutePath,
): string {
  let fd: number;
  try {
    // Non-blocking open: a FIFO must not hang the command waiting for a writer.
    fd = openSync(absolutePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw readFailure(error, what, shownPath);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      throw new CliError("CLI-003", `${what} is a directory, expected a file: ${shownPath}`);
    }
    // A symlink to /dev/zero, a FIFO or a socket could be endless: regular files only.
    if (!stat.isFile()) {
      throw new CliError(
        "CLI-012",
        `${what} ${shownPath} is not a regular file (a device, FIFO or socket); refusing to read it`,
      );
    }
    const cap = maxDocumentBytes();
    if (stat.size > cap) throw tooLarge(what, shownPath, cap);
    // Read at most cap + 1 bytes whatever the size said: the file may grow while we read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, cap + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > cap) throw tooLarge(what, shownPath, cap);
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw readFailure(error, what, shownPath);
  } finally {
    closeSync(fd);
  }
}

function readFailure(error: unknown, what: string, shownPath: string): CliError {
  const code = errnoCode(error);
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new CliError("CLI-002", `${what} not found: ${shownPath}`, { cause: error });
  }
  if (code === "EISDIR") {
    return new CliError("CLI-003", `${what} is a directory, expected a file: ${shownPath}`, {
      cause: error,
    });
  }
  return new CliError("CLI-003", `cannot read ${what} ${shownPath}: ${code ?? String(error)}`, {
    cause: error,
  });
}

/**
 * Parses JSON text, turning a syntax error into a coded one-line error. Duplicate member names
 * are refused (I-JSON, RFC 7493): `JSON.parse` would silently keep the last one.
 *
 * @param text - the JSON text
 * @param what - what it is, for the message
 * @param shownPath - where it came from
 * @returns the parsed value
 * @throws CliError `CLI-004` when the text is not JSON, `CLI-011` for a duplicate member name
 */
export function parseJsonText(text: string, what: string, shownPath: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError("CLI-004", `${what} is not valid JSON: ${shownPath} (${reason})`, {
      cause: error,
    });
  }
  refuseDuplicateKeys(body, parsed, what, shownPath);
  return parsed;
}

/**
 * Throws when valid JSON text repeats a member name within one object.
 *
 * @param text - valid JSON text
 * @param parsed - `JSON.parse(text)`
 * @param what - what it is, for the message
 * @param shownPath - where it came from
 * @throws CliError `CLI-011` naming the duplicated member
 */
export function refuseDuplicateKeys(
  text: string,
  parsed: unknown,
  what: string,
  shownPath: string,
): void {
  const duplicate = duplicateKeyOf(text, parsed);
  if (duplicate !== undefined) {
    throw new CliError(
      "CLI-011",
      `${what} ${shownPath} has the member ${JSON.stringify(duplicate)} twice in one object; duplicate names are refused (I-JSON, RFC 7493)`,
      { details: { key: duplicate } },
    );
  }
}

/**
 * Reads and parses a JSON file.
 *
 * @param absolutePath - the file
 * @param what - what it is, for messages
 * @param shownPath - the path as typed
 * @returns the parsed value
 * @throws CliError `CLI-002`, `CLI-003`, `CLI-004`
 */
export function readJsonFile(
  absolutePath: string,
  what: string,
  shownPath: string = absolutePath,
): unknown {
  return parseJsonText(readTextFile(absolutePath, what, shownPath), what, shownPath);
}

/**
 * Tells whether a value is a plain JSON object (not null, not an array).
 *
 * @param value - anything
 * @returns true for `{ ... }`
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
