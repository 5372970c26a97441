import { isPlainRecord, type ParmanaError } from "@parmanasystems/core/portable";
import { importPublicKey } from "../keys/import-public-key.js";
import type { PublicKeyInput, VerificationKey } from "../keys/verification-key.types.js";
import {
  loadTrustRoot,
  looksLikeTrustRoot,
  type LoadedTrustRoot,
} from "../trust/load-trust-root.js";
import type { TrustRootInput } from "./verify.types.js";

/** What signatures are checked against: one key, or a trust root. */
export type ResolvedTrust =
  | { readonly key: VerificationKey; readonly trust?: undefined }
  | { readonly key?: undefined; readonly trust: LoadedTrustRoot };

/**
 * Imports the key or loads the trust root a verification was given.
 *
 * @internal
 * @throws the `misuse` error when nothing usable was given; SIG-/TRUST- errors for a bad key or root
 */
export async function resolveTrust(
  keyOrTrustRoot: PublicKeyInput | TrustRootInput,
  misuse: () => ParmanaError,
): Promise<ResolvedTrust> {
  if (
    keyOrTrustRoot === undefined ||
    keyOrTrustRoot === null ||
    (typeof keyOrTrustRoot !== "string" && typeof keyOrTrustRoot !== "object")
  ) {
    throw misuse();
  }
  if (looksLikeTrustRoot(keyOrTrustRoot)) return { trust: await loadTrustRoot(keyOrTrustRoot) };
  if (isPlainRecord(keyOrTrustRoot) && "keys" in keyOrTrustRoot) {
    // Shaped like a trust root but incomplete: let validation say what is missing.
    return { trust: await loadTrustRoot(keyOrTrustRoot) };
  }
  return { key: await importPublicKey(keyOrTrustRoot as PublicKeyInput) };
}
