import { type Clock, readClockInstant } from "../internal/read-clock.js";
import type { Signer } from "../crypto/signer.types.js";
import { ParmanaError, TrustError } from "../errors/parmana-error.js";
import { parseInstant, toInstant } from "../internal/iso-time.js";
import { loadTrustRoot } from "./load-trust-root.js";
import { nextTrustRootVersion } from "./internal/next-trust-root-version.js";
import { rotationSigningInput } from "./rotation-record.js";
import { selectTrustedKey } from "./select-trusted-key.js";
import { computeTrustRootHash } from "./trust-root-hash.js";
import type { RotationRecord, TrustRoot, TrustRootKey } from "./trust-root.types.js";

/** A key to revoke in the next root, and from when. */
export interface TrustKeyRevocation {
  readonly keyId: string;
  /** RFC 3339 instant; signatures issued at or after it are refused. May lie in the past. */
  readonly revokedAt: string;
}

/** Options of {@link rotateTrustRoot}. */
export interface RotateTrustRootOptions {
  /** Signs the rotation record: a key of the current root with purpose `trust-root`, not revoked. */
  readonly signer: Signer;
  /** The current root's key id of `signer`; `signer.signerKeyId` by default. */
  readonly signerKeyId?: string;
  /** Version of the new root; the current version with its last number incremented by default. */
  readonly trustRootVersion?: string;
  /** A key to add (shorthand for `addKeys: [newKey]`). */
  readonly newKey?: TrustRootKey;
  readonly addKeys?: readonly TrustRootKey[];
  readonly revokeKeys?: readonly TrustKeyRevocation[];
  readonly addTrustedRuntimeHashes?: readonly string[];
  /** Time of the rotation; `clock()` by default. */
  readonly rotatedAt?: string | Date;
  /** Clock read when `rotatedAt` is not given (a Date or epoch milliseconds); the system clock. */
  readonly clock?: Clock;
}

/** The next trust root and the record that links it to the previous one. */
export interface TrustRootRotation {
  /** The new root; its `rotations` ends with `record`. */
  readonly root: TrustRoot;
  readonly record: RotationRecord;
}

/**
 * Produces the next version of a trust root (keys added, keys revoked, runtimes trusted) and
 * the rotation record linking the two, signed under `SIGNING_DOMAINS.trustRoot` by a key of the
 * current root. Keys are never removed, so every old signature keeps a key to verify against.
 * Nothing is written: save `root` as the new `trust/trust-root.json` and keep the old roots.
 *
 * @param current - the current trust root (validated with {@link loadTrustRoot})
 * @param options - signer and changes
 * @returns the new root and the record
 * @throws TrustError `TRUST-002` a root is invalid (the current one, or the new one, e.g. a
 *   duplicate key id), `TRUST-030` the rotation is not possible (no changes, unknown key to
 *   revoke, signer not allowed to rotate, signature does not verify, bad version or time)
 * @example
 * ```ts
 * const { root, record } = await rotateTrustRoot(current, { signer: rootSigner, newKey, rotatedAt: "2026-06-01T00:00:00Z" });
 * ```
 */
export async function rotateTrustRoot(
  current: TrustRoot,
  options: RotateTrustRootOptions,
): Promise<TrustRootRotation> {
  const previous = loadTrustRoot(current);
  const signer = options.signer;
  if (typeof signer?.sign !== "function")
    throw fail("a signer with a sign(payload) method is required");
  const signedBy = options.signerKeyId ?? signer.signerKeyId;
  if (typeof signedBy !== "string")
    throw fail("the signer has no signerKeyId; pass the signerKeyId option");
  const rotatedAtMs =
    options.rotatedAt === undefined || options.rotatedAt === null
      ? readClockInstant(options.clock, "date-or-epoch-ms")
      : toInstant(options.rotatedAt);
  if (rotatedAtMs === undefined)
    throw fail(
      "rotatedAt must be an RFC 3339 instant or a valid Date (a clock: a valid Date or epoch ms)",
    );
  const rotatedAt = new Date(rotatedAtMs).toISOString();
  const lastRotation = previous.rotations?.at(-1);
  if (
    lastRotation !== undefined &&
    rotatedAtMs < (parseInstant(lastRotation.rotatedAt) as number)
  ) {
    throw fail(
      `rotatedAt ${rotatedAt} is earlier than the previous rotation (${lastRotation.rotatedAt})`,
    );
  }

  const authority = selectTrustedKey(previous, signedBy, { at: rotatedAt, purpose: "trust-root" });
  if (!authority.ok)
    throw fail(`key ${signedBy} may not sign this rotation: ${authority.reason}`, {
      reasonCode: authority.code,
    });
  if (authority.key.revokedAt !== undefined)
    throw fail(`key ${signedBy} is revoked and may not sign rotations`);

  const version = options.trustRootVersion ?? nextTrustRootVersion(previous.trustRootVersion);
  if (version === undefined)
    throw fail(
      `cannot derive the next version from ${previous.trustRootVersion}; pass trustRootVersion`,
    );
  const usedVersions = new Set([
    previous.trustRootVersion,
    ...(previous.rotations ?? []).map((record) => record.fromVersion),
  ]);
  if (usedVersions.has(version))
    throw fail(`trustRootVersion ${version} was already used in this chain`);

  const added = [
    ...(options.newKey === undefined ? [] : [options.newKey]),
    ...(options.addKeys ?? []),
  ];
  const revocations = options.revokeKeys ?? [];
  const runtimeHashes = options.addTrustedRuntimeHashes ?? [];
  if (
    added.length === 0 &&
    revocations.length === 0 &&
    runtimeHashes.length === 0 &&
    options.trustRootVersion === undefined
  ) {
    throw fail("nothing to rotate: add a key, revoke a key, trust a runtime or name a new version");
  }
  // Say plainly when a key to add is already there (rather than a duplicate-id error on the
  // resulting root, which reads like a corrupt file).
  for (const key of added) {
    const sameId = previous.keys.find((existing) => existing.keyId === key?.keyId);
    if (sameId !== undefined)
      throw fail(`key ${key.keyId} is already in trust root ${previous.trustRootVersion}`);
    const sameKey = previous.keys.find(
      (existing) => existing.publicKey.trim() === String(key?.publicKey).trim(),
    );
    if (sameKey !== undefined)
      throw fail(
        `this public key is already in trust root ${previous.trustRootVersion}, as key ${sameKey.keyId}`,
      );
  }
  const keys = previous.keys.map((key) => ({ ...key }) as TrustRootKey);
  for (const revocation of revocations) {
    const index = keys.findIndex((key) => key.keyId === revocation?.keyId);
    if (index < 0)
      throw fail(
        `cannot revoke ${String(revocation?.keyId)}: no such key in trust root ${previous.trustRootVersion}`,
      );
    if (parseInstant(revocation.revokedAt) === undefined)
      throw fail(`revokedAt of ${revocation.keyId} must be an RFC 3339 instant`);
    const key = keys[index] as TrustRootKey;
    // An earlier revocation stays: revoking again can only move the instant earlier.
    const existing = parseInstant(key.revokedAt);
    if (existing === undefined || (parseInstant(revocation.revokedAt) as number) < existing) {
      keys[index] = { ...key, revokedAt: revocation.revokedAt };
    }
  }
  const trustedRuntimeHashes = [...previous.trustedRuntimeHashes];
  for (const hash of runtimeHashes)
    if (!trustedRuntimeHashes.includes(hash)) trustedRuntimeHashes.push(hash);
  const body: TrustRoot = {
    trustRootVersion: version,
    keys: [...keys, ...added],
    trustedRuntimeHashes,
  };
  const bodyRoot = loadTrustRoot(body);

  const payload = {
    fromVersion: previous.trustRootVersion,
    toVersion: version,
    previousRootHash: computeTrustRootHash(previous),
    newRootHash: computeTrustRootHash(bodyRoot),
    rotatedAt,
    signedBy,
  };
  const signingInput = rotationSigningInput(payload);
  let signature: unknown;
  try {
    signature = await signer.sign(signingInput);
  } catch (cause) {
    throw fail(
      `the signer failed: ${ParmanaError.isInstance(cause) || cause instanceof Error ? cause.message : String(cause)}`,
      {},
      cause,
    );
  }
  if (typeof signature !== "string" || !authority.verifier.verify(signingInput, signature)) {
    throw fail(
      `the rotation signature does not verify under key ${signedBy} of the current root; the signer holds another key`,
    );
  }
  const record: RotationRecord = { ...payload, signature };
  const root = loadTrustRoot({ ...body, rotations: [...(previous.rotations ?? []), record] });
  return { root, record };
}

function fail(message: string, details: Record<string, unknown> = {}, cause?: unknown): TrustError {
  return new TrustError("TRUST-030", `cannot rotate the trust root: ${message}`, {
    details,
    cause,
  });
}
