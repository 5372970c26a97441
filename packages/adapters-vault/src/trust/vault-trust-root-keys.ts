import { createTrustRootKey, type TrustKeyPurpose, type TrustRootKey } from "@parmanasystems/core";
import type { VaultKeyVersion } from "../options/vault-options.types.js";

/** Options of {@link createVaultTrustRootKeys}. */
export interface VaultTrustRootKeysOptions {
  /** What the keys may sign; `["attestation"]` by default. */
  readonly purposes?: readonly TrustKeyPurpose[];
  /**
   * From when each version's signatures count: the version's creation time in Vault by default,
   * else this value (also used for versions Vault gives no creation time).
   */
  readonly validFrom?: string | Date;
  /** Free text added to each entry's description. */
  readonly description?: string;
}

/** Anything that lists a Vault key's versions: a {@link VaultSigner} or {@link VaultVerifier}. */
export interface VaultKeyVersionSource {
  publicKeys(): Promise<VaultKeyVersion[]>;
}

/**
 * Describes every version of a Vault Transit key as a trust-root key entry (`keyId`
 * `vault:transit/parmana:v3`, algorithm, PEM public key, purposes, validity), ready for
 * `createTrustRoot`, `rotateTrustRoot` or a `trust/trust-root.json` that `parmana trust` and
 * `parmana verify` read. Versions below `min_decryption_version` are not served by Vault and so
 * not listed: keep their old entries (with `revokedAt` if they were retired for cause).
 *
 * @param source - a VaultSigner or VaultVerifier (or the result of its `publicKeys()`)
 * @param options - purposes and validity
 * @returns one entry per version, oldest first
 * @throws SignatureError the key-read codes (`SIG-007`, `SIG-009`, `SIG-011`, `SIG-030`)
 * @throws TrustError `TRUST-010` when no valid `validFrom` is known for a version
 * @example
 * ```ts
 * const keys = await createVaultTrustRootKeys(new VaultVerifier(addr, token, "parmana"));
 * const root = createTrustRoot({ trustRootVersion: "2026-01", keys });
 * writeFileSync("trust/trust-root.json", JSON.stringify(root, null, 2));
 * ```
 */
export async function createVaultTrustRootKeys(
  source: VaultKeyVersionSource | readonly VaultKeyVersion[],
  options: VaultTrustRootKeysOptions = {},
): Promise<TrustRootKey[]> {
  const versions = Array.isArray(source)
    ? (source as readonly VaultKeyVersion[])
    : await (source as VaultKeyVersionSource).publicKeys();
  return versions.map((entry) =>
    createTrustRootKey(entry.publicKeyPem, {
      keyId: entry.keyId,
      purposes: options.purposes ?? ["attestation"],
      validFrom: entry.createdAt ?? options.validFrom ?? "",
      description: [`Vault Transit ${entry.keyId.slice("vault:".length)}`, options.description]
        .filter((part) => part !== undefined)
        .join("; "),
    }),
  );
}
