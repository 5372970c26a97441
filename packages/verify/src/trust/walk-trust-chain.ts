import {
  canonicalize,
  trustChainSteps,
  trustRootHashInput,
  unusableKeyRefusal,
  type LoadedChainRoot,
  type TrustChainVerifyAnswer,
  type TrustRoot,
} from "@parmanasystems/core/portable";
import { sha256Hex } from "../crypto/subtle.js";
import { verifyWithKey } from "../keys/import-public-key.js";
import type { TrustRootInput } from "../verify/verify.types.js";
import { loadTrustRoot, type LoadedTrustRoot } from "./load-trust-root.js";

/**
 * Walks from a trust root you already trust to the newest one, checking every rotation exactly
 * as `walkTrustChain` of `@parmanasystems/core` does: each newer root must end its `rotations`
 * with a record that continues the previous root's history, names both roots' versions and
 * hashes, and is signed by a key of the previous root that has purpose `trust-root`, is not
 * revoked, and was valid at `rotatedAt`. Holding only an old root, you reach the current one
 * without trusting anything new; pass the result to `verifyAttestation`.
 *
 * @param trustedRoot - the root you hold (object or JSON text)
 * @param newerRoots - the roots published after it, oldest first (the trusted root itself may lead the list)
 * @returns the newest root, validated (a deep-frozen copy)
 * @throws TrustError `TRUST-001`/`TRUST-002` a root is malformed; `TRUST-031` the chain is broken
 *   (a record is missing, names other versions, or rewrites history), `TRUST-032` a root hash
 *   does not match, `TRUST-033` the signer of a rotation was not allowed to sign it, `TRUST-034`
 *   a rotation signature does not verify
 * @example
 * ```ts
 * import { verifyAttestation, walkTrustChain } from "@parmanasystems/verify";
 *
 * const current = await walkTrustChain(pinnedRoot, [root2, root3]);
 * const result = await verifyAttestation(attestation, current);
 * ```
 */
export async function walkTrustChain(
  trustedRoot: TrustRootInput,
  newerRoots: readonly TrustRootInput[],
): Promise<TrustRoot> {
  const loaded = new Map<TrustRoot, LoadedTrustRoot>();
  const steps = trustChainSteps(trustedRoot, newerRoots);
  let answer: LoadedChainRoot | TrustChainVerifyAnswer | undefined;
  for (;;) {
    const next = steps.next(answer as LoadedChainRoot | TrustChainVerifyAnswer);
    if (next.done === true) return next.value;
    const request = next.value;
    if (request.kind === "load") {
      const root = await loadTrustRoot(request.value);
      loaded.set(root.root, root);
      answer = await hashedRoot(root);
    } else {
      const imported = loaded.get(request.root)?.keys.get(request.key);
      answer =
        imported === undefined
          ? unusableKeyRefusal(request.key)
          : imported.algorithm !== request.key.algorithm
            ? unusableKeyRefusal(request.key, imported.algorithm)
            : await verifyWithKey(imported, request.signingInput, request.record.signature);
    }
  }
}

/**
 * A loaded root with the hash its rotation records name (`computeTrustRootHash`).
 *
 * @internal
 */
export async function hashedRoot(loaded: LoadedTrustRoot): Promise<LoadedChainRoot> {
  const hash = await sha256Hex(canonicalize(trustRootHashInput(loaded.root)));
  return { root: loaded.root, hash: `sha256:${hash}` };
}
