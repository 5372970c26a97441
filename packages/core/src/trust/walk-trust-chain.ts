import { loadTrustRoot } from "./load-trust-root.js";
import { selectTrustedKey } from "./select-trusted-key.js";
import {
  trustChainSteps,
  type LoadedChainRoot,
  type TrustChainVerifyAnswer,
} from "./internal/trust-chain-steps.js";
import { computeTrustRootHash } from "./trust-root-hash.js";
import type { TrustRoot } from "./trust-root.types.js";

/**
 * Walks from a trust root the verifier already trusts to the newest one, checking every
 * rotation: each newer root must end its `rotations` with a record that continues the previous
 * root's history, names both roots' versions and hashes, and is signed by a key of the previous
 * root that has purpose `trust-root`, is not revoked, and was valid at `rotatedAt`. A verifier
 * holding only an old root thereby reaches the current one without trusting anything new.
 *
 * @param trustedRoot - the root the verifier holds
 * @param newerRoots - the roots published after it, oldest first (the trusted root itself may lead the list)
 * @returns the newest root, validated
 * @throws TrustError `TRUST-002` a root is malformed; `TRUST-031` the chain is broken (a record
 *   is missing, names other versions, or rewrites history), `TRUST-032` a root hash does not
 *   match, `TRUST-033` the signer of a rotation was not allowed to sign it, `TRUST-034` a
 *   rotation signature does not verify
 * @example
 * ```ts
 * const current = walkTrustChain(pinnedRoot, [root2, root3]);
 * ```
 */
export function walkTrustChain(
  trustedRoot: TrustRoot,
  newerRoots: readonly TrustRoot[],
): TrustRoot {
  const steps = trustChainSteps(trustedRoot, newerRoots);
  let answer: LoadedChainRoot | TrustChainVerifyAnswer | undefined;
  for (;;) {
    const next = steps.next(answer as LoadedChainRoot | TrustChainVerifyAnswer);
    if (next.done === true) return next.value;
    const request = next.value;
    if (request.kind === "load") {
      const root = loadTrustRoot(request.value as TrustRoot);
      answer = { root, hash: computeTrustRootHash(root) };
    } else {
      const selected = selectTrustedKey(request.root, request.key.keyId, {
        at: request.record.rotatedAt,
        purpose: "trust-root",
      });
      answer = selected.ok
        ? selected.verifier.verify(request.signingInput, request.record.signature)
        : selected;
    }
  }
}
