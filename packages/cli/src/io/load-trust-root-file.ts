import { loadTrustRoot, type TrustRoot } from "@parmanasystems/core";
import { readJsonFile } from "./read-text-file.js";
import { resolvePath } from "./resolve-path.js";
import { withPath } from "./with-path.js";

/** Where `parmana trust` commands read and write the trust root by default. */
export const DEFAULT_TRUST_ROOT_PATH = "trust/trust-root.json";

/**
 * Reads and validates a trust-root file.
 *
 * @param io - working directory
 * @param path - the file as typed
 * @returns the validated trust root
 * @throws CliError `CLI-002`/`CLI-003`/`CLI-004`; TrustError `TRUST-002` with the first problem
 */
export function loadTrustRootFile(io: { readonly cwd: string }, path: string): TrustRoot {
  const json = readJsonFile(resolvePath(io, path), "trust root", path);
  try {
    return loadTrustRoot(json as Record<string, unknown>);
  } catch (error) {
    throw withPath(error, path);
  }
}
