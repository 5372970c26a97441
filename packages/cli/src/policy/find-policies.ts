import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { resolvePath } from "../io/resolve-path.js";
import { tinyglobby } from "../io/tinyglobby.js";

/** One policy found on disk. */
export interface FoundPolicy {
  /** Absolute path of its policy.json. */
  readonly file: string;
  /** The path as shown to the user (relative to the working directory when inside it). */
  readonly shown: string;
  /** Absolute folder holding it. */
  readonly dir: string;
  /**
   * Identity implied by a `{policyId}/{policyVersion}/policy.json` layout, which the file must
   * carry (the file registry refuses a mismatch, so compile reports it early).
   */
  readonly expected?: { readonly policyId: string; readonly policyVersion: string };
}

const VERSION_FOLDER = /^\d+\.\d+\.\d+(?:[-+].*)?$/;

function shownPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel === "" ? "." : rel.startsWith("..") ? absolute : rel;
}

function describe(cwd: string, file: string): FoundPolicy {
  const dir = dirname(file);
  const version = basename(dir);
  const policyId = basename(dirname(dir));
  return {
    file,
    shown: shownPath(cwd, file),
    dir,
    ...(VERSION_FOLDER.test(version) && policyId !== ""
      ? { expected: { policyId, policyVersion: version } }
      : {}),
  };
}

/**
 * Finds the policies a `parmana policy compile|test` argument names: a policy.json file, a
 * version folder holding one, or any folder above (every `policy.json` below it, sorted).
 *
 * @param io - working directory
 * @param path - as typed
 * @returns the policies, empty when there are none; a missing path yields one entry whose file
 *   does not exist (so compiling it reports `POL-001`)
 */
export function findPolicies(io: { readonly cwd: string }, path: string): FoundPolicy[] {
  const absolute = resolvePath(io, path);
  const stats = statSync(absolute, { throwIfNoEntry: false });
  if (stats === undefined || !stats.isDirectory()) return [describe(io.cwd, absolute)];
  if (existsSync(join(absolute, "policy.json")))
    return [describe(io.cwd, join(absolute, "policy.json"))];
  return tinyglobby()
    .globSync("**/policy.json", { cwd: absolute, onlyFiles: true, absolute: true })
    .sort()
    .map((file) => describe(io.cwd, file));
}
