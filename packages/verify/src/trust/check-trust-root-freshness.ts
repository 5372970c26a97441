import { trustRootRollbackError } from "@parmanasystems/core/portable";
import type { TrustRootInput } from "../verify/verify.types.js";
import { loadTrustRoot } from "./load-trust-root.js";
import { hashedRoot } from "./walk-trust-chain.js";

/**
 * Refuses a trust root older than one you have already seen (rollback), as
 * `checkTrustRootFreshness` of `@parmanasystems/core` does: a candidate whose version the newest
 * root's rotations replaced still trusts keys revoked since; one with the newest root's version
 * but other content is a fork. Keep the newest root you have verified (through
 * {@link walkTrustChain}) and check every root against it before use.
 *
 * @param candidate - the root about to be used (object or JSON text)
 * @param newestSeen - the newest root you have seen
 * @returns when the candidate may be used
 * @throws TrustError `TRUST-071` an older version than `newestSeen`, `TRUST-072` the same version
 *   with other content, `TRUST-001`/`TRUST-002` an invalid root
 * @example
 * ```ts
 * await checkTrustRootFreshness(archivedRoot, currentRoot); // throws TRUST-071
 * ```
 */
export async function checkTrustRootFreshness(
  candidate: TrustRootInput,
  newestSeen: TrustRootInput,
): Promise<void> {
  const root = await hashedRoot(await loadTrustRoot(candidate));
  const newest = await hashedRoot(await loadTrustRoot(newestSeen));
  const error = trustRootRollbackError(root, newest);
  if (error !== undefined) throw error;
}
