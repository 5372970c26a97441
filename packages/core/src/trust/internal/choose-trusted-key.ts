// Platform-neutral (no node: import): the key choice of a trust root, shared as source with
// @parmanasystems/verify. Building a verifier for the chosen key is the caller's part.
import { parseInstant, toInstant } from "../../internal/iso-time.js";
import type { TrustKeyPurpose, TrustRoot, TrustRootKey } from "../trust-root.types.js";

/** When and what a signature was made for. */
export interface TrustedKeyQuery {
  /** When the signature was made (an attestation's `issuedAt`): RFC 3339 text or a Date. */
  readonly at: string | Date;
  /** What the signature is for; with a list, any one of them suffices. */
  readonly purpose: TrustKeyPurpose | readonly TrustKeyPurpose[];
}

/** Why no key could be chosen: a `TRUST-02x` code and a sentence. */
export interface TrustedKeyRefused {
  readonly ok: false;
  readonly code: string;
  readonly reason: string;
}

/** The key chosen, or why none was. */
export type TrustedKeyChoice =
  { readonly ok: true; readonly key: TrustRootKey } | TrustedKeyRefused;

/**
 * Chooses the key named `signerKeyId`, meant for the purpose, valid and not revoked at the
 * signing time (see `selectTrustedKey`).
 *
 * @internal
 */
export function chooseTrustedKey(
  trustRoot: TrustRoot,
  signerKeyId: string,
  options: TrustedKeyQuery,
): TrustedKeyChoice {
  const key = trustRoot.keys.find((candidate) => candidate.keyId === signerKeyId);
  if (key === undefined) {
    return refuse(
      "TRUST-020",
      `key ${JSON.stringify(signerKeyId)} is not in trust root ${trustRoot.trustRootVersion}`,
    );
  }
  const purposes: readonly TrustKeyPurpose[] =
    typeof options.purpose === "string" ? [options.purpose] : options.purpose;
  if (!purposes.some((purpose) => key.purposes.includes(purpose))) {
    return refuse(
      "TRUST-024",
      `key ${key.keyId} is not meant for ${purposes.join(" or ")} (its purposes: ${key.purposes.join(", ")})`,
    );
  }
  const at = toInstant(options.at);
  if (at === undefined) {
    return refuse(
      "TRUST-025",
      `cannot choose key ${key.keyId}: the signing time ${JSON.stringify(describeTime(options.at))} is not an RFC 3339 instant`,
    );
  }
  const revokedAt = parseInstant(key.revokedAt);
  if (revokedAt !== undefined && revokedAt <= at) {
    return refuse(
      "TRUST-021",
      `key ${key.keyId} was revoked at ${String(key.revokedAt)}, at or before the signing time ${new Date(at).toISOString()}`,
    );
  }
  const validFrom = parseInstant(key.validFrom);
  if (validFrom === undefined || at < validFrom) {
    return refuse(
      "TRUST-022",
      `key ${key.keyId} is not valid before ${key.validFrom}; the signing time is ${new Date(at).toISOString()}`,
    );
  }
  const validUntil = parseInstant(key.validUntil);
  if (validUntil !== undefined && at >= validUntil) {
    return refuse(
      "TRUST-023",
      `key ${key.keyId} expired at ${String(key.validUntil)}; the signing time is ${new Date(at).toISOString()}`,
    );
  }
  return { ok: true, key };
}

/**
 * The refusal for a key whose `publicKey` cannot be used, or is of another algorithm than it
 * declares (`parsedAlgorithm`).
 *
 * @internal
 */
export function unusableKeyRefusal(key: TrustRootKey, parsedAlgorithm?: string): TrustedKeyRefused {
  return parsedAlgorithm === undefined
    ? refuse(
        "TRUST-008",
        `key ${key.keyId} has an unusable publicKey; validate the root with loadTrustRoot`,
      )
    : refuse(
        "TRUST-008",
        `key ${key.keyId} is declared ${String(key.algorithm)} but its publicKey is ${parsedAlgorithm}`,
      );
}

function refuse(code: string, reason: string): TrustedKeyRefused {
  return { ok: false, code, reason };
}

function describeTime(value: unknown): string {
  return value instanceof Date ? "Invalid Date" : String(value);
}
