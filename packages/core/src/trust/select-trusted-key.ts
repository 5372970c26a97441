import { LocalVerifier } from "../crypto/local-verifier.js";
import {
  chooseTrustedKey,
  unusableKeyRefusal,
  type TrustedKeyQuery,
  type TrustedKeyRefused,
} from "./internal/choose-trusted-key.js";
import type { TrustRoot, TrustRootKey } from "./trust-root.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { TrustError } from "../errors/parmana-error.js";

export type { TrustedKeyRefused } from "./internal/choose-trusted-key.js";

/** Options of {@link selectTrustedKey}. */
export type SelectTrustedKeyOptions = TrustedKeyQuery;

/** A key chosen for a signature, with a verifier using the key's own algorithm. */
export interface TrustedKeySelected {
  readonly ok: true;
  readonly key: TrustRootKey;
  readonly verifier: LocalVerifier;
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
  try {
    const choice = chooseTrustedKey(trustRoot, signerKeyId, options);
    if (!choice.ok) return choice;
    const { key } = choice;
    let verifier = verifiers.get(key);
    if (verifier === undefined) {
      try {
        verifier = new LocalVerifier(key.publicKey);
      } catch {
        return unusableKeyRefusal(key);
      }
      // The algorithm comes from the trusted key: a root that declares another one is refused.
      if (verifier.algorithm !== key.algorithm) return unusableKeyRefusal(key, verifier.algorithm);
      verifiers.set(key, verifier);
    }
    return { ok: true, key, verifier };
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-013", "selectTrustedKey");
  }
}
