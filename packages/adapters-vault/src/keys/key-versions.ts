import { SignatureError } from "@parmanasystems/core";
import { versionKeyId } from "../crypto/signer-key-id.js";
import type { VaultKeyVersion } from "../options/vault-options.types.js";
import type { TransitKeySet } from "./transit-key-set.js";

/** The public key of every served version, oldest first. */
export function listKeyVersions(keys: TransitKeySet, keyIdBase: string): VaultKeyVersion[] {
  return [...keys.versions.values()]
    .sort((a, b) => a.version - b.version)
    .map((entry) => ({
      version: entry.version,
      keyId: versionKeyId(keyIdBase, entry.version),
      algorithm: keys.algorithm,
      publicKeyPem: entry.verifier.publicKeyPem,
      ...(entry.createdAt === undefined ? {} : { createdAt: entry.createdAt }),
    }));
}

/**
 * PEM SPKI of one version (the latest by default).
 *
 * @throws SignatureError `SIG-032` when Vault does not serve that version
 */
export function publicKeyPemOf(
  keys: TransitKeySet,
  keyIdBase: string,
  version: number | undefined,
): string {
  const wanted = version ?? keys.latestVersion;
  const entry = Number.isSafeInteger(wanted) ? keys.versions.get(wanted) : undefined;
  if (entry === undefined) {
    throw new SignatureError(
      "SIG-032",
      `${keyIdBase.slice("vault:".length)} has no readable version ${String(wanted).slice(0, 20)} (Vault serves versions ${keys.minDecryptionVersion}..${keys.latestVersion})`,
      {
        details: {
          version: wanted,
          minDecryptionVersion: keys.minDecryptionVersion,
          latestVersion: keys.latestVersion,
        },
      },
    );
  }
  return entry.verifier.publicKeyPem;
}
