import {
  ParmanaError,
  SignatureError,
  type AsyncVerifier,
  type SigningKeyAlgorithm,
} from "@parmanasystems/core";
import { decodeBase64Strict } from "@parmanasystems/core/internal";
import { versionNamedIn } from "../crypto/signer-key-id.js";
import { TransitClient } from "../http/transit-client.js";
import { VaultTransportFailure } from "../http/vault-http.js";
import { listKeyVersions, publicKeyPemOf } from "../keys/key-versions.js";
import { readTransitKeySet, type TransitKeySet } from "../keys/transit-key-set.js";
import {
  resolvePositional,
  resolveVerifierOptions,
  verifierExtras,
  type VaultVerifierConfig,
} from "../options/resolve-options.js";
import type { VaultKeyVersion, VaultVerifierOptions } from "../options/vault-options.types.js";

// Unknown versions named by payloads (which anyone can write) trigger at most one key read
// per second, so a flood of forged signatures cannot turn into a flood of Vault reads.
const MIN_REFRESH_INTERVAL_MS = 1_000;

/**
 * Verifies signatures made by a Vault Transit key, across key rotations.
 *
 * **Local mode (default).** The public keys of every version Vault serves (from
 * `min_decryption_version` to `latest_version`) are read once and cached; each `verify` is one
 * in-process signature check, as fast as `LocalVerifier`. When the signed payload names a
 * version of this key (the `signerKeyId` of an attestation, `vault:transit/parmana:v3`), only
 * that version counts; otherwise every version is tried, newest first. A version the cache does
 * not know makes it read the key again (at most one read a second, shared by every caller
 * waiting for it); the cache is also refreshed
 * after `keyCacheTtlMs`, so raising `min_decryption_version` retires old versions here too
 * (if Vault cannot be reached then, the cached keys keep serving and a diagnostic is reported).
 *
 * **Remote mode** (`mode: "remote"`). Each `verify` asks `POST /v1/<mount>/verify/<key>` with
 * the right `vault:v<N>:` prefix: `valid: false` and HTTP 400 are false; 403, 5xx, timeouts
 * and malformed answers are false plus a `SIG-010` diagnostic.
 *
 * `verify` never throws: a bad signature, bad input or an unreachable Vault all return false,
 * and the reason (when it is not the signature) goes to `onDiagnostic`.
 *
 * @example
 * ```ts
 * const verifier = new VaultVerifier(process.env.VAULT_ADDR!, process.env.VAULT_TOKEN!, "parmana");
 * const result = await verifyAttestation(attestation, verifier);
 * result.valid; // true
 * ```
 */
export class VaultVerifier implements AsyncVerifier {
  /** `"local"` or `"remote"`. */
  readonly mode: "local" | "remote";
  readonly #client: TransitClient;
  readonly #settings: VaultVerifierConfig;
  #keys: TransitKeySet | undefined;
  #loadedAt = Number.NEGATIVE_INFINITY;
  #lastAttempt = Number.NEGATIVE_INFINITY;
  #loading: Promise<TransitKeySet> | undefined;
  #scheduled: Promise<TransitKeySet> | undefined;

  /**
   * @param vaultAddr - Vault address, e.g. `https://vault.internal:8200`
   * @param token - a Vault token (sent as `X-Vault-Token`, never shown in errors)
   * @param keyName - the Transit key name (mount `transit`)
   * @throws StoreError `STORE-001` for an invalid address, token or key name
   */
  constructor(vaultAddr: string, token: string, keyName: string);
  /**
   * @param options - connection options plus `mode`, `onDiagnostic`, `keyCacheTtlMs`
   * @throws StoreError `STORE-001` for an unknown or invalid option
   */
  constructor(options: VaultVerifierOptions);
  constructor(vaultAddrOrOptions: string | VaultVerifierOptions, token?: string, keyName?: string) {
    this.#settings =
      typeof vaultAddrOrOptions === "string" || arguments.length > 1
        ? {
            connection: resolvePositional(vaultAddrOrOptions, token, keyName),
            ...verifierExtras({}),
          }
        : resolveVerifierOptions(vaultAddrOrOptions);
    this.mode = this.#settings.mode;
    this.#client = new TransitClient(this.#settings.connection);
  }

  /** `"ed25519"` or `"ecdsa-p256-sha256"` once the key was read; undefined before. */
  get algorithm(): SigningKeyAlgorithm | undefined {
    return this.#keys?.algorithm;
  }

  /**
   * Reads the public keys now (otherwise the first `verify` does), so that a wrong address,
   * token or key type shows at start-up as an exception rather than as `false` later.
   *
   * @returns this verifier
   * @throws SignatureError `SIG-007` unsupported key type, `SIG-009` key missing or Vault
   *   unreachable, `SIG-011` access denied, `SIG-030` malformed answer
   */
  async ready(): Promise<this> {
    await this.#load();
    return this;
  }

  /**
   * Checks a signature over `payload`.
   *
   * @param payload - the signing input that was signed
   * @param signature - standard base64 signature (as `VaultSigner` returns it)
   * @returns true only when a served version of the key signed `payload`; never throws
   */
  async verify(payload: string, signature: string): Promise<boolean> {
    try {
      if (typeof payload !== "string" || typeof signature !== "string") return false;
      return this.mode === "local"
        ? await this.#verifyLocally(payload, signature)
        : await this.#verifyRemotely(payload, signature);
    } catch (error) {
      this.#report(error);
      return false;
    }
  }

  /**
   * Reads the key again and lists the public key of every version Vault serves.
   *
   * @returns one entry per version, oldest first
   * @throws SignatureError the codes of {@link ready}
   */
  async publicKeys(): Promise<VaultKeyVersion[]> {
    return listKeyVersions(await this.#load(), this.#settings.connection.keyIdBase);
  }

  /**
   * The PEM SPKI public key of a key version (the latest by default), read fresh from Vault.
   *
   * @param version - a key version
   * @returns PEM text, for `LocalVerifier`, trust roots and auditors
   * @throws SignatureError `SIG-032` version not served, and the codes of {@link ready}
   */
  async exportPublicKeyPem(version?: number): Promise<string> {
    return publicKeyPemOf(await this.#load(), this.#settings.connection.keyIdBase, version);
  }

  /** Keeps credentials out of logs and JSON dumps. */
  toJSON(): { keyId: string; mode: "local" | "remote" } {
    return { keyId: this.#settings.connection.keyIdBase, mode: this.mode };
  }

  async #verifyLocally(payload: string, signature: string): Promise<boolean> {
    let keys = await this.#cachedKeys();
    const named = versionNamedIn(payload, this.#settings.connection.keyIdBase);
    if (named !== undefined) {
      if (!keys.versions.has(named) && named > keys.latestVersion) {
        keys = (await this.#refreshIfDue()) ?? keys;
      }
      // The payload says which version signed: only that one counts.
      return keys.versions.get(named)?.verifier.verify(payload, signature) ?? false;
    }
    if (tryVersions(keys, payload, signature, undefined)) return true;
    // Perhaps a version newer than the cache (signed by a signer that had not read its key).
    // Nothing names one, so only look when a read is allowed now rather than wait for one.
    const fresh = await this.#refreshIfDue(false);
    return fresh !== undefined && tryVersions(fresh, payload, signature, keys);
  }

  async #verifyRemotely(payload: string, signature: string): Promise<boolean> {
    if (decodeBase64Strict(signature) === undefined) return false;
    const named = versionNamedIn(payload, this.#settings.connection.keyIdBase);
    const versions =
      named !== undefined
        ? [named]
        : [...(await this.#cachedKeys()).versions.keys()].sort((a, b) => b - a);
    const input = Buffer.from(payload, "utf8").toString("base64");
    for (const version of versions) {
      let response;
      try {
        response = await this.#client.verify({
          input,
          signature: `vault:v${version}:${signature}`,
          prehashed: false,
          // Used by ecdsa-p256 keys, ignored by ed25519 ones.
          hash_algorithm: "sha2-256",
          marshaling_algorithm: "asn1",
        });
      } catch (error) {
        throw unavailable(error);
      }
      // 400: the request was refused as malformed (signature not for this key, version too
      // old): a verdict about the signature, not about Vault.
      if (response.status === 400) continue;
      if (response.status !== 200) {
        throw new SignatureError(
          "SIG-010",
          `remote verification unavailable: Vault answered HTTP ${response.status}`,
          { details: { status: response.status, vaultErrors: response.errors }, retryable: true },
        );
      }
      const valid = (response.body as { data?: { valid?: unknown } } | undefined)?.data?.valid;
      if (typeof valid !== "boolean") {
        throw new SignatureError(
          "SIG-010",
          "remote verification unavailable: the answer has no valid field",
          {
            details: { status: response.status },
          },
        );
      }
      if (valid) return true;
    }
    return false;
  }

  /** The cached keys, loading them the first time and refreshing them after the TTL. */
  async #cachedKeys(): Promise<TransitKeySet> {
    const keys = this.#keys;
    if (keys === undefined) return this.#load();
    if (this.#now() - this.#loadedAt < this.#settings.keyCacheTtlMs) return keys;
    try {
      return await this.#load();
    } catch (error) {
      // Keep verifying with what we have; say that the refresh failed.
      this.#report(error);
      return keys;
    }
  }

  /**
   * Reads the key again, at most once a second: a caller arriving sooner waits for the next
   * allowed read (shared by every waiter) or, with `waitForTurn` false, gets undefined. A
   * rotation is thus picked up within a second while a flood of payloads naming made-up
   * versions costs Vault one read a second.
   */
  async #refreshIfDue(waitForTurn = true): Promise<TransitKeySet | undefined> {
    try {
      if (this.#loading !== undefined) return await this.#loading;
      const wait = MIN_REFRESH_INTERVAL_MS - (this.#now() - this.#lastAttempt);
      if (wait <= 0) return await this.#load();
      if (!waitForTurn) return undefined;
      this.#scheduled ??= new Promise<void>((resolve) => setTimeout(resolve, wait)).then(() => {
        this.#scheduled = undefined;
        return this.#load();
      });
      return await this.#scheduled;
    } catch (error) {
      this.#report(error);
      return undefined;
    }
  }

  #load(): Promise<TransitKeySet> {
    this.#loading ??= (async () => {
      this.#lastAttempt = this.#now();
      try {
        const keys = await readTransitKeySet(this.#client);
        this.#keys = keys;
        this.#loadedAt = this.#now();
        return keys;
      } finally {
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }

  #now(): number {
    return this.#settings.connection.now();
  }

  #report(error: unknown): void {
    const hook = this.#settings.onDiagnostic;
    if (hook === undefined) return;
    const diagnostic = ParmanaError.isInstance(error)
      ? error
      : new SignatureError("SIG-010", "verification failed unexpectedly", { cause: error });
    try {
      hook(diagnostic);
    } catch {
      // A diagnostic hook must never change a verdict.
    }
  }
}

/** Tries every version newest first, skipping those already tried in `skip`. */
function tryVersions(
  keys: TransitKeySet,
  payload: string,
  signature: string,
  skip: TransitKeySet | undefined,
): boolean {
  const versions = [...keys.versions.values()].sort((a, b) => b.version - a.version);
  for (const entry of versions) {
    if (skip?.versions.has(entry.version) === true) continue;
    if (entry.verifier.verify(payload, signature)) return true;
  }
  return false;
}

function unavailable(error: unknown): unknown {
  if (!(error instanceof VaultTransportFailure)) return error;
  return new SignatureError("SIG-010", `remote verification unavailable: ${error.message}`, {
    details: {
      reason: error.kind,
      ...(error.status === undefined ? {} : { status: error.status }),
    },
    retryable: error.kind === "timeout" || error.kind === "network",
  });
}
