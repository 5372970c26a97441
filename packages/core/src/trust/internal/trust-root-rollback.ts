// Platform-neutral (no node: import): the rollback check of checkTrustRootFreshness, shared as
// source with @parmanasystems/verify. Loading and hashing the roots are the caller's part.
import { TrustError } from "../../errors/parmana-error.js";
import type { LoadedChainRoot } from "./trust-chain-steps.js";

/**
 * The `TRUST-071` (an older version than the newest seen) or `TRUST-072` (same version, other
 * content) error for a candidate root, or undefined when it may be used.
 *
 * @internal
 */
export function trustRootRollbackError(
  candidate: LoadedChainRoot,
  newestSeen: LoadedChainRoot,
): TrustError | undefined {
  const root = candidate.root;
  const newest = newestSeen.root;
  if (root.trustRootVersion === newest.trustRootVersion) {
    if (candidate.hash === newestSeen.hash) return undefined;
    return new TrustError(
      "TRUST-072",
      `a trust root with version ${root.trustRootVersion} was already seen with other content: two roots claim one version`,
      { details: { trustRootVersion: root.trustRootVersion } },
    );
  }
  const superseded = (newest.rotations ?? []).some(
    (record) => record.fromVersion === root.trustRootVersion,
  );
  if (!superseded) return undefined;
  return new TrustError(
    "TRUST-071",
    `trust root version ${root.trustRootVersion} was replaced by version ${newest.trustRootVersion}, which this verifier has already seen; refusing to roll back (the older root may still trust keys revoked since)`,
    {
      details: {
        trustRootVersion: root.trustRootVersion,
        newestSeenVersion: newest.trustRootVersion,
      },
    },
  );
}
