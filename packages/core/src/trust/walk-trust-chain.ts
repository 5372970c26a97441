import type { ParmanaErrorCodeOf } from "../errors/parmana-error.js";
import { canonicalize } from "../canonical/canonicalize.js";
import { TrustError } from "../errors/parmana-error.js";
import { parseInstant } from "./iso-time.js";
import { loadTrustRoot } from "./load-trust-root.js";
import { rotationSigningInput } from "./rotation-record.js";
import { selectTrustedKey } from "./select-trusted-key.js";
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
  let current = loadTrustRoot(trustedRoot);
  if (!Array.isArray(newerRoots))
    throw broken("TRUST-031", "newerRoots must be a list of trust roots, oldest first", 0);
  newerRoots.forEach((candidate, index) => {
    const next = loadTrustRoot(candidate);
    if (
      index === 0 &&
      next.trustRootVersion === current.trustRootVersion &&
      computeTrustRootHash(next) === computeTrustRootHash(current)
    ) {
      return; // the trusted root itself at the head of the list
    }
    const step = index + 1;
    const record = next.rotations?.at(-1);
    if (record === undefined)
      throw broken("TRUST-031", `root ${next.trustRootVersion} carries no rotation record`, step);
    if (
      record.fromVersion !== current.trustRootVersion ||
      record.toVersion !== next.trustRootVersion
    ) {
      throw broken(
        "TRUST-031",
        `the record leads from ${record.fromVersion} to ${record.toVersion}, expected ${current.trustRootVersion} to ${next.trustRootVersion}`,
        step,
      );
    }
    const history = next.rotations?.slice(0, -1) ?? [];
    if (canonicalize(history) !== canonicalize(current.rotations ?? [])) {
      throw broken(
        "TRUST-031",
        `root ${next.trustRootVersion} rewrites the rotation history of ${current.trustRootVersion}`,
        step,
      );
    }
    const previousHash = computeTrustRootHash(current);
    if (record.previousRootHash !== previousHash) {
      throw broken(
        "TRUST-032",
        `the record names previous root hash ${record.previousRootHash}, but ${current.trustRootVersion} hashes to ${previousHash}`,
        step,
      );
    }
    const newHash = computeTrustRootHash(next);
    if (record.newRootHash !== newHash) {
      throw broken(
        "TRUST-032",
        `the record names new root hash ${record.newRootHash}, but ${next.trustRootVersion} hashes to ${newHash}`,
        step,
      );
    }
    const previousRecord = current.rotations?.at(-1);
    if (
      previousRecord !== undefined &&
      (parseInstant(record.rotatedAt) as number) <
        (parseInstant(previousRecord.rotatedAt) as number)
    ) {
      throw broken(
        "TRUST-031",
        `the rotation to ${next.trustRootVersion} is dated before the rotation to ${current.trustRootVersion}`,
        step,
      );
    }
    const authority = selectTrustedKey(current, record.signedBy, {
      at: record.rotatedAt,
      purpose: "trust-root",
    });
    if (!authority.ok) {
      throw broken(
        "TRUST-033",
        `the rotation to ${next.trustRootVersion} is signed by a key root ${current.trustRootVersion} does not allow: ${authority.reason}`,
        step,
        authority.code,
      );
    }
    if (authority.key.revokedAt !== undefined) {
      throw broken(
        "TRUST-033",
        `the rotation to ${next.trustRootVersion} is signed by key ${record.signedBy}, which root ${current.trustRootVersion} revokes`,
        step,
      );
    }
    if (!authority.verifier.verify(rotationSigningInput(record), record.signature)) {
      throw broken(
        "TRUST-034",
        `the signature of the rotation to ${next.trustRootVersion} does not verify under key ${record.signedBy}`,
        step,
      );
    }
    current = next;
  });
  return current;
}

function broken(
  code: ParmanaErrorCodeOf<"TRUST">,
  message: string,
  step: number,
  reasonCode?: string,
): TrustError {
  return new TrustError(code, `broken trust chain at step ${step}: ${message}`, {
    details: reasonCode === undefined ? { step } : { step, reasonCode },
  });
}
