import { CliError } from "../errors/index.js";
import { isJsonObject, parseJsonText, readJsonFile } from "./read-text-file.js";
import { resolvePath } from "./resolve-path.js";

/**
 * Reads signals given as a file path or as inline JSON (`--signals '{"credit_score":720}'`).
 *
 * @param io - working directory
 * @param value - a path, or JSON text (starting with `{` or `[`)
 * @returns the signals object
 * @throws CliError `CLI-002`/`CLI-003`/`CLI-004` (not JSON, or not an object)
 */
export function readSignals(io: { readonly cwd: string }, value: string): Record<string, unknown> {
  // Text that starts like JSON is JSON; anything else is a path.
  const inline = /^\s*[[{]/.test(value);
  const parsed = inline
    ? parseJsonText(value, "signals", "--signals")
    : readJsonFile(resolvePath(io, value), "signals file", value);
  if (!isJsonObject(parsed)) {
    throw new CliError(
      "CLI-004",
      `signals must be a JSON object of signal values: ${inline ? "--signals" : value}`,
    );
  }
  return parsed;
}
