import {
  encodeBase64,
  SignatureError,
  type SigningKeyAlgorithm,
  type Signer,
} from "@parmanasystems/core";
import { decodeBase64Strict } from "@parmanasystems/core/internal";
import { normalizeP256SignatureLowS } from "../crypto/ecdsa-low-s.js";
import { versionKeyId, versionNamedIn } from "../crypto/signer-key-id.js";
import { TransitClient } from "../http/transit-client.js";
import { readTransitKeySet, transportError, type TransitKeySet } from "../keys/transit-key-set.js";
import { listKeyVersions, publicKeyPemOf } from "../keys/key-versions.js";
import {
  resolvePositional,
  resolveSignerOptions,
  type VaultConfig,
} from "../options/resolve-options.js";
import type { VaultKeyVersion, VaultSignerOptions } from "../options/vault-options.types.js";

/**
 * Signs with a Vault (or OpenBao) Transit key: `ed25519`, or `ecdsa-p256` with SHA-256 and DER
 * (ASN.1) signatures normalised to low-S. The private key never leaves Vault; each signature is
 * one `POST /v1/<mount>/sign/<key>`.
 *
 * **Key versions.** `signerKeyId` names the key and the version that signs, e.g.
 * `vault:transit/parmana:v3`; executeFromSignals writes it into the attestation before signing,
 * and `sign` then makes the signature with exactly the version the signed payload names. The
 * signer learns the latest version from its first key read (`ready()` or the first `sign`) and
 * from every sign answer: after a rotation, the first signature announced with the old version
 * is re-made with that version (one extra round trip, once), and the following attestations
 * name the new version. Before the key has been read (a fresh signer that was never made
 * `ready()`), `signerKeyId` is the key without a version; {@link VaultVerifier} then tries every
 * version.
 *
 * @example
 * ```ts
 * const signer = new VaultSigner(process.env.VAULT_ADDR!, process.env.VAULT_TOKEN!, "parmana");
 * await signer.ready(); // optional: the first attestation then names its key version
 * const attestation = await executeFromSignals(input, signer, verifier, store);
 * attestation.signerKeyId; // "vault:transit/parmana:v1"
 * ```
 */
export class VaultSigner implements Signer {
  readonly #client: TransitClient;
  readonly #config: VaultConfig;
  #keys: TransitKeySet | undefined;
  #keyRead: Promise<TransitKeySet> | undefined;
  #version: number | undefined;

  /**
   * @param vaultAddr - Vault address, e.g. `https://vault.internal:8200`
   * @param token - a Vault token (sent as `X-Vault-Token`, never shown in errors)
   * @param keyName - the Transit key name (mount `transit`)
   * @throws StoreError `STORE-001` for an invalid address, token or key name
   */
  constructor(vaultAddr: string, token: string, keyName: string);
  /**
   * @param options - `{ address, keyName, mount?, namespace?, auth, timeoutMs?, ca?, clock? }`
   * @throws StoreError `STORE-001` for an unknown or invalid option
   */
  constructor(options: VaultSignerOptions);
  constructor(vaultAddrOrOptions: string | VaultSignerOptions, token?: string, keyName?: string) {
    this.#config =
      typeof vaultAddrOrOptions === "string" || arguments.length > 1
        ? resolvePositional(vaultAddrOrOptions, token, keyName)
        : resolveSignerOptions(vaultAddrOrOptions);
    this.#client = new TransitClient(this.#config);
  }

  /**
   * The id of the key version the next signature is made with (`vault:transit/parmana:v3`), or
   * the key without a version before the key was read.
   */
  get signerKeyId(): string {
    return this.#version === undefined
      ? this.#config.keyIdBase
      : versionKeyId(this.#config.keyIdBase, this.#version);
  }

  /** `"ed25519"` or `"ecdsa-p256-sha256"` once the key was read; undefined before. */
  get algorithm(): SigningKeyAlgorithm | undefined {
    return this.#keys?.algorithm;
  }

  /** The key version the next signature is announced with, once known. */
  get keyVersion(): number | undefined {
    return this.#version;
  }

  /**
   * Reads the key (`GET /v1/<mount>/keys/<name>`): checks its type and learns its latest
   * version, so that the first attestation already names its version. Calling it again (after
   * a rotation, say) reads the key again; `sign` alone reads it only the first time.
   *
   * @returns this signer
   * @throws SignatureError `SIG-007` unsupported key type, `SIG-009` key missing or Vault
   *   unreachable, `SIG-011` access denied, `SIG-030` malformed answer
   */
  async ready(): Promise<this> {
    await this.#readKeys();
    return this;
  }

  /**
   * Signs the UTF-8 bytes of `payload` with Vault.
   *
   * @param payload - the canonical signing input
   * @returns the signature, standard base64 (Ed25519: 64 bytes; ECDSA: low-S DER)
   * @throws SignatureError `SIG-004` payload not a string, `SIG-005` Vault refused or failed
   *   (status in details; retryable for 5xx and timeouts), `SIG-011` access denied, `SIG-031`
   *   key rotated under an announced version (retryable), and the codes of {@link ready}
   */
  async sign(payload: string): Promise<string> {
    if (typeof payload !== "string") {
      throw new SignatureError("SIG-004", `payload must be a string, got ${typeof payload}`);
    }
    // The key is read once; after that, signing is one request and no other await.
    const keys = this.#keys ?? (await this.#readKeys());
    const announced = versionNamedIn(payload, this.#config.keyIdBase);
    const input = Buffer.from(payload, "utf8").toString("base64");
    // A payload naming an older version than the one this signer now announces (built before
    // the signer learned of a rotation) is signed with that version directly.
    if (announced !== undefined && announced !== this.#version) {
      return (await this.#signOnce(keys, input, announced)).signature;
    }
    const signed = await this.#signOnce(keys, input, undefined);
    if (announced === undefined || signed.version === announced) return signed.signature;
    // Rotated since the payload was built: sign again with the version the payload names.
    return (await this.#signOnce(keys, input, announced)).signature;
  }

  /**
   * Reads the key again and lists the public key of every version Vault serves
   * (min_decryption_version..latest_version).
   *
   * @returns one entry per version, oldest first
   * @throws SignatureError the codes of {@link ready}
   */
  async publicKeys(): Promise<VaultKeyVersion[]> {
    const keys = await this.#readKeys();
    return listKeyVersions(keys, this.#config.keyIdBase);
  }

  /**
   * The PEM SPKI public key of a key version, for `LocalVerifier`, trust roots and auditors.
   *
   * @param version - a key version; the latest by default
   * @returns PEM text
   * @throws SignatureError `SIG-032` version not served by Vault, and the codes of {@link ready}
   */
  async exportPublicKeyPem(version?: number): Promise<string> {
    return publicKeyPemOf(await this.#readKeys(), this.#config.keyIdBase, version);
  }

  /** Keeps credentials out of logs and JSON dumps. */
  toJSON(): { signerKeyId: string; algorithm: SigningKeyAlgorithm | undefined } {
    return { signerKeyId: this.signerKeyId, algorithm: this.algorithm };
  }

  #readKeys(): Promise<TransitKeySet> {
    this.#keyRead ??= readTransitKeySet(this.#client)
      .then((keys) => {
        this.#keys = keys;
        // A key read is the freshest word on the latest version.
        this.#version = keys.latestVersion;
        return keys;
      })
      .finally(() => {
        this.#keyRead = undefined;
      });
    return this.#keyRead;
  }

  async #signOnce(
    keys: TransitKeySet,
    input: string,
    pinned: number | undefined,
  ): Promise<{ version: number; signature: string }> {
    const body: Record<string, unknown> = { input, prehashed: false };
    if (keys.type === "ecdsa-p256") {
      body["hash_algorithm"] = "sha2-256";
      body["marshaling_algorithm"] = "asn1";
    }
    if (pinned !== undefined) body["key_version"] = pinned;
    let response;
    try {
      response = await this.#client.sign(body);
    } catch (error) {
      throw transportError(error, "the sign request", "SIG-005");
    }
    const details = { status: response.status, vaultErrors: response.errors };
    if (response.status === 403) {
      throw new SignatureError(
        "SIG-011",
        `Vault denied signing (HTTP 403: the token is invalid or expired, or its policy lacks update on ${this.#config.mount}/sign/${this.#config.keyName})`,
        { details },
      );
    }
    if (response.status === 400 && pinned !== undefined) {
      throw new SignatureError(
        "SIG-031",
        `the Vault key was rotated and no longer signs with version ${pinned}; retry to sign with the new version`,
        { details, retryable: true },
      );
    }
    if (response.status !== 200) {
      throw new SignatureError("SIG-005", `Vault refused to sign (HTTP ${response.status})`, {
        details,
        retryable: response.status >= 500 || response.status === 429,
      });
    }
    const result = parseSignature(response.body, keys);
    if (pinned !== undefined && result.version !== pinned) {
      throw new SignatureError(
        "SIG-030",
        `Vault signed with version ${result.version} when version ${pinned} was asked for`,
      );
    }
    // An unpinned answer comes from the latest version: from now on, announce that one.
    if (pinned === undefined) this.#version = result.version;
    return result;
  }
}

function parseSignature(
  body: unknown,
  keys: TransitKeySet,
): { version: number; signature: string } {
  const text = (body as { data?: { signature?: unknown } } | undefined)?.data?.signature;
  const match = typeof text === "string" ? /^vault:v([1-9][0-9]{0,8}):(.+)$/.exec(text) : null;
  if (match === null) {
    throw new SignatureError("SIG-030", "Vault's sign answer has no vault:v<N>:<base64> signature");
  }
  const raw = decodeBase64Strict(match[2] as string);
  let bytes: Uint8Array | undefined = raw;
  if (raw !== undefined && keys.type === "ecdsa-p256") bytes = normalizeP256SignatureLowS(raw);
  if (bytes === undefined || (keys.type === "ed25519" && bytes.length !== 64)) {
    throw new SignatureError(
      "SIG-030",
      `Vault's sign answer is not a valid ${keys.type} signature`,
    );
  }
  return { version: Number(match[1]), signature: encodeBase64(bytes) };
}
