import { createRequire } from "node:module";
import type * as Tinyglobby from "tinyglobby";

let loaded: typeof Tinyglobby | undefined;

/**
 * The glob library, loaded on first use: loading it costs about as much as loading core, and
 * most runs (NDJSON on stdin, a single file) never expand a glob or walk a folder. Synchronous,
 * so that synchronous callers (finding policies) can use it too.
 *
 * @returns tinyglobby's exports
 */
export function tinyglobby(): typeof Tinyglobby {
  loaded ??= createRequire(import.meta.url)("tinyglobby") as typeof Tinyglobby;
  return loaded;
}
