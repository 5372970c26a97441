import { FilePolicyRegistry } from "./file-policy-registry.js";
import { resolvePoliciesRoot, type PoliciesRootOptions } from "../policy/resolve-policies-root.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { ValidationError } from "../errors/parmana-error.js";

// One registry (and so one compiled copy of each policy) per root for the whole process.
const registriesByRoot = new Map<string, FilePolicyRegistry>();

/**
 * The file registry `executeFromSignals` uses when no registry is given: one shared
 * {@link FilePolicyRegistry} per resolved root (`policiesRootPath`, `PARMANA_POLICIES_ROOT`,
 * `./policies`), so each policy file is read once per process.
 *
 * @param runtimeEnvironment - optional `{ policiesRootPath }`
 * @returns the cached registry for that root
 */
export function createDefaultPolicyRegistry(
  runtimeEnvironment?: PoliciesRootOptions,
): FilePolicyRegistry {
  try {
    const root = resolvePoliciesRoot(runtimeEnvironment);
    let registry = registriesByRoot.get(root);
    if (registry === undefined) {
      registry = new FilePolicyRegistry({ policiesRootPath: root });
      registriesByRoot.set(root, registry);
    }
    return registry;
  } catch (error) {
    throw codedInputError(error, ValidationError, "VAL-020", "createDefaultPolicyRegistry");
  }
}
