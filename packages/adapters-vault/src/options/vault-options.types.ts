import type { Clock, ParmanaError } from "@parmanasystems/core";

/** A static Vault token (`X-Vault-Token`), such as one issued to the service by an operator. */
export interface VaultTokenAuth {
  readonly token: string;
}

/**
 * AppRole credentials: the adapter logs in (`POST /v1/auth/<mount>/login`), renews the token
 * (`auth/token/renew-self`) before it expires, and logs in again once when Vault answers 403.
 */
export interface VaultAppRoleAuth {
  readonly roleId: string;
  readonly secretId: string;
  /** Where the AppRole auth method is enabled; `"approle"` by default. */
  readonly mount?: string;
}

/** How the adapter authenticates to Vault. */
export type VaultAuth = VaultTokenAuth | VaultAppRoleAuth;

/** Options shared by {@link VaultSigner} and {@link VaultVerifier} (the options form). */
export interface VaultConnectionOptions {
  /** Vault address, e.g. `https://vault.internal:8200` (no path, no credentials). */
  readonly address: string;
  /** Name of the Transit key. */
  readonly keyName: string;
  /** Where the Transit engine is mounted; `"transit"` by default. */
  readonly mount?: string;
  /** Vault Enterprise / OpenBao namespace, sent as `X-Vault-Namespace`. */
  readonly namespace?: string;
  /** A static token or AppRole credentials. */
  readonly auth: VaultAuth;
  /** Deadline of each HTTP call to Vault, in milliseconds (headers and body); 10,000 by default. */
  readonly timeoutMs?: number;
  /** Same as `timeoutMs` (the name every Parmana adapter uses); give one or the other. */
  readonly operationTimeoutMs?: number;
  /** PEM CA certificate(s) to trust for an `https` address signed by a private CA. */
  readonly ca?: string | readonly string[];
  /**
   * Clock for token renewal and key-cache ages: returns a Date or epoch milliseconds; the system
   * clock by default. A clock that throws or returns anything else fails the call with STORE-001.
   */
  readonly clock?: Clock;
}

/** Options of {@link VaultSigner}. */
export type VaultSignerOptions = VaultConnectionOptions;

/** Options of {@link VaultVerifier}. */
export interface VaultVerifierOptions extends VaultConnectionOptions {
  /**
   * `"local"` (default): verify with the cached public keys of every key version, no network per
   * call. `"remote"`: ask Vault's `/verify` endpoint for every signature.
   */
  readonly mode?: "local" | "remote";
  /**
   * Told why `verify` returned false when the reason is not the signature itself (Vault denied,
   * failed or timed out; the keys could not be read). Never throws into `verify`.
   */
  readonly onDiagnostic?: (diagnostic: ParmanaError) => void;
  /** Age after which the cached public keys are read again; 300,000 ms (5 minutes) by default. */
  readonly keyCacheTtlMs?: number;
}

/** One version of a Transit key as published by Vault. */
export interface VaultKeyVersion {
  /** Key version number (1, 2, ...). */
  readonly version: number;
  /** The id signers write as `signerKeyId` for this version, e.g. `vault:transit/parmana:v3`. */
  readonly keyId: string;
  /** Parmana algorithm name of the key. */
  readonly algorithm: "ed25519" | "ecdsa-p256-sha256";
  /** PEM SPKI public key. */
  readonly publicKeyPem: string;
  /** When Vault created this version (RFC 3339), when Vault says. */
  readonly createdAt?: string;
}
