import { isAbsolute, resolve } from "node:path";
import type { CliIo } from "../cli/command.types.js";

/**
 * Resolves a command-line path against the command's working directory.
 *
 * @param io - gives the working directory
 * @param path - as typed by the user
 * @returns an absolute path
 */
export function resolvePath(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}
