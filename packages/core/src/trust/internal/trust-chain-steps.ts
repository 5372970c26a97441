// Platform-neutral (no node: import): the trust-chain walk, shared as source with
// @parmanasystems/verify. Loading a root and verifying a rotation signature are the caller's part
// (synchronous in core, WebCrypto in the verifier): the walk asks for them through the values it
// yields, so both verifiers check the same things in the same order with the same errors.
import { canonicalize } from "../../canonical/canonicalize.js";
import { TrustError, type ParmanaErrorCodeOf } from "../../errors/parmana-error.js";
import { chooseTrustedKey, type TrustedKeyRefused } from "./choose-trusted-key.js";
import { parseInstant } from "../../internal/iso-time.js";
import { rotationSigningInput } from "../rotation-record.js";
import type { RotationRecord, TrustRoot, TrustRootKey } from "../trust-root.types.js";

/** A root the walk needs loaded (validated) and hashed. */
export interface TrustChainLoadRequest {
  readonly kind: "load";
  readonly value: unknown;
}

/** A rotation signature the walk needs verified under a key of the previous root. */
export interface TrustChainVerifyRequest {
  readonly kind: "verify";
  /** The root that holds the key (the previous root). */
  readonly root: TrustRoot;
  readonly key: TrustRootKey;
  readonly record: RotationRecord;
  /** `rotationSigningInput(record)`. */
  readonly signingInput: string;
}

/** A loaded root with its `computeTrustRootHash`. */
export interface LoadedChainRoot {
  readonly root: TrustRoot;
  readonly hash: string;
}

/**
 * The answer to a verify request: whether the signature verifies, or why the key cannot be used.
 */
export type TrustChainVerifyAnswer = boolean | TrustedKeyRefused;

/** What the walk asks its driver for. */
export type TrustChainRequest = TrustChainLoadRequest | TrustChainVerifyRequest;

/**
 * The steps of `walkTrustChain`: yields a load request for each root (the trusted one first) and
 * a verify request for each rotation signature, and returns the newest root. Throws the walk's
 * `TRUST-031`..`TRUST-034` errors; the driver's own load errors (`TRUST-002`) propagate as thrown.
 *
 * @internal
 */
export function* trustChainSteps(
  trustedRoot: unknown,
  newerRoots: unknown,
): Generator<TrustChainRequest, TrustRoot, LoadedChainRoot | TrustChainVerifyAnswer> {
  let current = (yield { kind: "load", value: trustedRoot }) as LoadedChainRoot;
  if (!Array.isArray(newerRoots))
    throw broken("TRUST-031", "newerRoots must be a list of trust roots, oldest first", 0);
  for (let index = 0; index < newerRoots.length; index++) {
    const next = (yield { kind: "load", value: newerRoots[index] as unknown }) as LoadedChainRoot;
    if (
      index === 0 &&
      next.root.trustRootVersion === current.root.trustRootVersion &&
      next.hash === current.hash
    ) {
      continue; // the trusted root itself at the head of the list
    }
    const step = index + 1;
    const record = checkLink(current, next, step);
    const authority = chooseTrustedKey(current.root, record.signedBy, {
      at: record.rotatedAt,
      purpose: "trust-root",
    });
    const from = current.root.trustRootVersion;
    const to = next.root.trustRootVersion;
    if (!authority.ok) throw notAllowed(to, from, authority, step);
    if (authority.key.revokedAt !== undefined) {
      throw broken(
        "TRUST-033",
        `the rotation to ${to} is signed by key ${record.signedBy}, which root ${from} revokes`,
        step,
      );
    }
    const answer = (yield {
      kind: "verify",
      root: current.root,
      key: authority.key,
      record,
      signingInput: rotationSigningInput(record),
    }) as TrustChainVerifyAnswer;
    if (answer !== true && answer !== false) throw notAllowed(to, from, answer, step);
    if (!answer) {
      throw broken(
        "TRUST-034",
        `the signature of the rotation to ${to} does not verify under key ${record.signedBy}`,
        step,
      );
    }
    current = next;
  }
  return current.root;
}

// The rotation record of `next` must continue `current`'s history and name both roots exactly.
function checkLink(current: LoadedChainRoot, next: LoadedChainRoot, step: number): RotationRecord {
  const from = current.root.trustRootVersion;
  const to = next.root.trustRootVersion;
  const record = next.root.rotations?.at(-1);
  if (record === undefined)
    throw broken("TRUST-031", `root ${to} carries no rotation record`, step);
  if (record.fromVersion !== from || record.toVersion !== to) {
    throw broken(
      "TRUST-031",
      `the record leads from ${record.fromVersion} to ${record.toVersion}, expected ${from} to ${to}`,
      step,
    );
  }
  const history = next.root.rotations?.slice(0, -1) ?? [];
  if (canonicalize(history) !== canonicalize(current.root.rotations ?? [])) {
    throw broken("TRUST-031", `root ${to} rewrites the rotation history of ${from}`, step);
  }
  if (record.previousRootHash !== current.hash) {
    throw broken(
      "TRUST-032",
      `the record names previous root hash ${record.previousRootHash}, but ${from} hashes to ${current.hash}`,
      step,
    );
  }
  if (record.newRootHash !== next.hash) {
    throw broken(
      "TRUST-032",
      `the record names new root hash ${record.newRootHash}, but ${to} hashes to ${next.hash}`,
      step,
    );
  }
  const previousRecord = current.root.rotations?.at(-1);
  if (
    previousRecord !== undefined &&
    (parseInstant(record.rotatedAt) as number) < (parseInstant(previousRecord.rotatedAt) as number)
  ) {
    throw broken(
      "TRUST-031",
      `the rotation to ${to} is dated before the rotation to ${from}`,
      step,
    );
  }
  return record;
}

function notAllowed(
  to: string,
  from: string,
  refusal: TrustedKeyRefused,
  step: number,
): TrustError {
  return broken(
    "TRUST-033",
    `the rotation to ${to} is signed by a key root ${from} does not allow: ${refusal.reason}`,
    step,
    refusal.code,
  );
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
