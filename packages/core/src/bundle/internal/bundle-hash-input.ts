// Platform-neutral (no node: import): shared as source with @parmanasystems/verify.
import type { BundleArtifact } from "../bundle.types.js";

/** The members of a manifest its `bundleHash` covers. */
export interface BundleContentIdentity {
  readonly policyId: string;
  readonly policyVersion: string;
  readonly schemaVersion: string;
  readonly artifacts: readonly BundleArtifact[];
}

/**
 * The value whose canonical hash is `bundleHash`:
 * `{ policyId, policyVersion, schemaVersion, artifacts }` with each artifact reduced to
 * `{ path, hash }`.
 *
 * @internal
 */
export function bundleHashInput(identity: BundleContentIdentity): BundleContentIdentity {
  return {
    policyId: identity.policyId,
    policyVersion: identity.policyVersion,
    schemaVersion: identity.schemaVersion,
    artifacts: identity.artifacts.map((artifact) => ({ path: artifact.path, hash: artifact.hash })),
  };
}
