import { resolve } from "node:path";
import { StrictPolicyRegistry } from "../../bundle/strict-policy-registry.js";
import { createDefaultPolicyRegistry } from "../../bundle/default-policy-registry.js";
import type { PolicyRegistry } from "../../policy/policy-registry.types.js";
import { resolvePoliciesRoot } from "../../policy/resolve-policies-root.js";
import type { RuntimeEnvironment } from "../execute.types.js";

// One strict registry per (policies root, trust root file) for the whole process, so bundles are
// verified once and the hot path does no I/O.
const strictRegistries = new Map<string, StrictPolicyRegistry>();

/**
 * The registry of step 2: the caller's registry when given; else, when the runtime
 * environment names a trust root (`trustRootPath`), a {@link StrictPolicyRegistry} that only serves
 * signed bundles verifying against it; else the shared file registry of the policies root.
 *
 * @param policies - the caller's registry, if any
 * @param runtimeEnvironment - the product's runtime environment, if any
 * @returns the registry to resolve the policy from
 * @throws TrustError `TRUST-` codes when the trust root file is missing or invalid
 */
export function resolvePolicyRegistry(
  policies: PolicyRegistry | undefined,
  runtimeEnvironment: RuntimeEnvironment | undefined,
): PolicyRegistry {
  if (policies !== undefined) return policies;
  if (runtimeEnvironment?.trustRootPath === undefined)
    return createDefaultPolicyRegistry(runtimeEnvironment);
  const root = resolvePoliciesRoot(runtimeEnvironment);
  const trustRootPath = resolve(runtimeEnvironment.trustRootPath);
  const key = `${root}\u0000${trustRootPath}`;
  let registry = strictRegistries.get(key);
  if (registry === undefined) {
    registry = new StrictPolicyRegistry({ root, trustRoot: trustRootPath });
    strictRegistries.set(key, registry);
  }
  return registry;
}
