import { LocalVerifier } from "../crypto/local-verifier.js";
import { parseInstant, toInstant } from "./iso-time.js";
import type { TrustKeyPurpose, TrustRoot, TrustRootKey } from "./trust-root.types.js";

/** Options of {@link selectTrustedKey}. */
export interface SelectTrustedKeyOptions {
  /** When the signature was made (an attestation's `issuedAt`): RFC 3339 text or a Date. */
  readonly at: string | Date;
  /** What the signature is for; with a list, any one of them suffices. */
  readonly purpose: TrustKeyPurpose | readonly TrustKeyPurpose[];
}

/** A key chosen for a signature, with a verifier using the key's own algorithm. */
export interface TrustedKeySelected {
  readonly ok: true;
  readonly key: TrustRootKey;
  readonly verifier: LocalVerifier;
}

/** Why no key could be chosen: a `TRUST-02x` code and a sentence. */
export interface TrustedKeyRefused {
  readonly ok: false;
  readonly code: string;
  readonly reason: string;
}

/** Result of {@link selectTrustedKey}. */
export type TrustedKeySelection = TrustedKeySelected | TrustedKeyRefused;

// Verifiers are built once per key object: parsing PEM on every verification would dominate.
const verifiers = new WeakMap<TrustRootKey, LocalVerifier>();

/**
 * Chooses the key of a trust root that may have made a signature: the key named `signerKeyId`,
 * meant for `purpose`, valid at `at` (`validFrom <= at < validUntil`) and not revoked at or
 * before `at`. A key revoked later still verifies what it signed before its revocation, which
 * is how old attestations survive a rotation.
 *
 * @param trustRoot - a trust root from {@link loadTrustRoot}
 * @param signerKeyId - the key id the signature names
 * @param options - signing time and purpose
 * @returns the key and its verifier, or the refusal: `TRUST-020` unknown key, `TRUST-024` wrong
 *   purpose, `TRUST-025` no valid time, `TRUST-021` revoked, `TRUST-022` not yet valid,
 *   `TRUST-023` expired
 * @example
 * ```ts
 * const choice = selectTrustedKey(trustRoot, attestation.signerKeyId, { at: attestation.issuedAt, purpose: "attestation" });
 * if (!choice.ok) console.log(choice.code, choice.reason);
 * ```
 */
export function selectTrustedKey(
  trustRoot: TrustRoot,
  signerKeyId: string,
  options: SelectTrustedKeyOptions,
): TrustedKeySelection {
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
  let verifier = verifiers.get(key);
  if (verifier === undefined) {
    try {
      verifier = new LocalVerifier(key.publicKey);
    } catch {
      return refuse(
        "TRUST-008",
        `key ${key.keyId} has an unusable publicKey; validate the root with loadTrustRoot`,
      );
    }
    // The algorithm comes from the trusted key: a root that declares another one is refused.
    if (verifier.algorithm !== key.algorithm) {
      return refuse(
        "TRUST-008",
        `key ${key.keyId} is declared ${String(key.algorithm)} but its publicKey is ${verifier.algorithm}`,
      );
    }
    verifiers.set(key, verifier);
  }
  return { ok: true, key, verifier };
}

function refuse(code: string, reason: string): TrustedKeyRefused {
  return { ok: false, code, reason };
}

function describeTime(value: unknown): string {
  return value instanceof Date ? "Invalid Date" : String(value);
}
