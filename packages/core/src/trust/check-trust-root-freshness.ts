import { loadTrustRoot } from "./load-trust-root.js";
import { computeTrustRootHash } from "./trust-root-hash.js";
import type { TrustRoot } from "./trust-root.types.js";
import { trustRootRollbackError } from "./internal/trust-root-rollback.js";

/**
 * Refuses a trust root that is older than one this verifier has already seen (rollback). Each
 * rotation is recorded in the new root (`rotations`), so the newest root names every version it
 * replaced: a candidate whose version appears there as a `fromVersion` was superseded, and still
 * trusts keys the newer root may have revoked. A candidate with the newest root's version but
 * other content is a fork. Pass the newest root you have verified (through
 * `walkTrustChain` or your own distribution channel) as `newestSeen`; persist it, as a TUF client
 * keeps its last timestamp, so a restart cannot be rolled back either.
 *
 * @param candidate - the root about to be used
 * @param newestSeen - the newest root this verifier has seen
 * @throws TrustError `TRUST-071` when `candidate` is an older version than `newestSeen`,
 *   `TRUST-072` when it has the same version but different content, `TRUST-002` for an invalid root
 * @example
 * ```ts
 * checkTrustRootFreshness(archivedRoot2, currentRoot3); // throws TRUST-071
 * ```
 */
export function checkTrustRootFreshness(
  candidate: TrustRoot | string,
  newestSeen: TrustRoot | string,
): void {
  const root = loadTrustRoot(candidate);
  const newest = loadTrustRoot(newestSeen);
  const error = trustRootRollbackError(
    { root, hash: computeTrustRootHash(root) },
    { root: newest, hash: computeTrustRootHash(newest) },
  );
  if (error !== undefined) throw error;
}
