import { readFileSync } from "node:fs";
import { CliError } from "../errors/index.js";

function errnoCode(error: unknown): string | undefined {
  return typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string"
    ? error.code
    : undefined;
}

/**
 * Reads a UTF-8 file, turning file-system failures into coded one-line errors.
 *
 * @param absolutePath - the file
 * @param what - what the file is, for the message (e.g. "public key")
 * @param shownPath - the path as the user typed it
 * @returns the file's text
 * @throws CliError `CLI-002` not found, `CLI-003` unreadable or a directory
 */
export function readTextFile(
  absolutePath: string,
  what: string,
  shownPath: string = absolutePath,
): string {
  try {
    return readFileSync(absolutePath, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new CliError("CLI-002", `${what} not found: ${shownPath}`, { cause: error });
    }
    if (code === "EISDIR") {
      throw new CliError("CLI-003", `${what} is a directory, expected a file: ${shownPath}`, {
        cause: error,
      });
    }
    throw new CliError("CLI-003", `cannot read ${what} ${shownPath}: ${code ?? String(error)}`, {
      cause: error,
    });
  }
}

/**
 * Parses JSON text, turning a syntax error into a coded one-line error.
 *
 * @param text - the JSON text
 * @param what - what it is, for the message
 * @param shownPath - where it came from
 * @returns the parsed value
 * @throws CliError `CLI-004` when the text is not JSON
 */
export function parseJsonText(text: string, what: string, shownPath: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError("CLI-004", `${what} is not valid JSON: ${shownPath} (${reason})`, {
      cause: error,
    });
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
