import { isAbsolute, resolve } from "node:path";

/**
 * Resolves a command-line path against the command's working directory.
 *
 * @param io - gives the working directory (a CliIo, or `{ cwd }` in a worker)
 * @param path - as typed by the user
 * @returns an absolute path
 */
export function resolvePath(io: { readonly cwd: string }, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}
