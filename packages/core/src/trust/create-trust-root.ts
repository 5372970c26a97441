import {
  deriveKeyId,
  exportPublicKeyPem,
  keyAlgorithm,
  toPublicKeyObject,
  type PublicKeyInput,
} from "../crypto/keys.js";
import { TrustError } from "../errors/parmana-error.js";
import { toInstant } from "../internal/iso-time.js";
import { loadTrustRoot } from "./load-trust-root.js";
import type { TrustKeyPurpose, TrustRoot, TrustRootKey } from "./trust-root.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/** Options of {@link createTrustRootKey}. */
export interface CreateTrustRootKeyOptions {
  readonly purposes: readonly TrustKeyPurpose[];
  /** RFC 3339 instant or Date from which the key's signatures count. */
  readonly validFrom: string | Date;
  readonly validUntil?: string | Date;
  /** The id signers report; `deriveKeyId(publicKey)` by default. */
  readonly keyId?: string;
  readonly description?: string;
}

/**
 * Describes a public key as a trust-root key: PEM SPKI text and the algorithm read from the
 * key itself.
 *
 * @param publicKey - PEM SPKI text, a KeyObject, or 32 raw Ed25519 bytes
 * @param options - purposes, validity, optional key id
 * @returns the key entry
 * @throws SignatureError `SIG-001`..`SIG-003` for an unusable key; TrustError `TRUST-010` for a bad time
 * @example
 * ```ts
 * const key = createTrustRootKey(publicKeyPem, { purposes: ["attestation", "trust-root"], validFrom: "2026-01-01T00:00:00Z" });
 * ```
 */
export function createTrustRootKey(
  publicKey: PublicKeyInput,
  options: CreateTrustRootKeyOptions,
): TrustRootKey {
  const key = toPublicKeyObject(publicKey);
  const entry: TrustRootKey = {
    keyId: options.keyId ?? deriveKeyId(key),
    algorithm: keyAlgorithm(key),
    publicKey: exportPublicKeyPem(key),
    purposes: [...options.purposes],
    validFrom: instant(options.validFrom, "validFrom"),
    ...(options.validUntil === undefined
      ? {}
      : { validUntil: instant(options.validUntil, "validUntil") }),
    ...(options.description === undefined ? {} : { description: options.description }),
  };
  return entry;
}

/** Options of {@link createTrustRoot}. */
export interface CreateTrustRootOptions {
  /** `"1"` by default. */
  readonly trustRootVersion?: string;
  readonly keys: readonly TrustRootKey[];
  readonly trustedRuntimeHashes?: readonly string[];
}

/**
 * Creates the first version of a trust root (no rotation history) and validates it.
 *
 * @param options - version, keys, trusted runtime hashes
 * @returns the validated, frozen root; write it as `trust/trust-root.json`
 * @throws TrustError `TRUST-002` with every problem in `details.problems`
 * @example
 * ```ts
 * const root = createTrustRoot({ trustRootVersion: "2026-01", keys: [key] });
 * writeFileSync("trust/trust-root.json", JSON.stringify(root, null, 2));
 * ```
 */
export function createTrustRoot(options: CreateTrustRootOptions): TrustRoot {
  try {
    return loadTrustRoot({
      trustRootVersion: options.trustRootVersion ?? "1",
      keys: [...options.keys],
      trustedRuntimeHashes: [...(options.trustedRuntimeHashes ?? [])],
    });
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-070", "createTrustRoot");
  }
}

function instant(value: string | Date, name: string): string {
  const ms = toInstant(value);
  if (ms === undefined)
    throw new TrustError("TRUST-010", `${name} must be an RFC 3339 instant or a valid Date`);
  return typeof value === "string" ? value : new Date(ms).toISOString();
}
