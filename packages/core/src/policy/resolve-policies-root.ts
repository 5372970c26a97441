import { resolve } from "node:path";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { ValidationError } from "../errors/parmana-error.js";

/** Environment variable naming the policies root when no `policiesRootPath` is given. */
export const POLICIES_ROOT_ENV = "PARMANA_POLICIES_ROOT";

/** Where policies live: the `policiesRootPath` member of the product's `runtimeEnvironment`. */
export interface PoliciesRootOptions {
  /** Folder holding `{policyId}/{policyVersion}/policy.json`. */
  readonly policiesRootPath?: string | undefined;
}

/**
 * The absolute policies root, in this order: `runtimeEnvironment.policiesRootPath`, the
 * `PARMANA_POLICIES_ROOT` environment variable, `<working directory>/policies`. Empty strings
 * count as absent. Relative paths resolve against the working directory.
 *
 * @param runtimeEnvironment - optional `{ policiesRootPath }` (any object with that member)
 * @returns an absolute folder path (not checked for existence)
 * @example
 * ```ts
 * resolvePoliciesRoot({ policiesRootPath: "./config/policies" }); // "/srv/app/config/policies"
 * ```
 */
export function resolvePoliciesRoot(runtimeEnvironment?: PoliciesRootOptions): string {
  try {
    const configured = runtimeEnvironment?.policiesRootPath;
    if (typeof configured === "string" && configured.length > 0) return resolve(configured);
    const fromEnv = process.env[POLICIES_ROOT_ENV];
    if (typeof fromEnv === "string" && fromEnv.length > 0) return resolve(fromEnv);
    return resolve(process.cwd(), "policies");
  } catch (error) {
    throw codedInputError(error, ValidationError, "VAL-020", "resolvePoliciesRoot");
  }
}
