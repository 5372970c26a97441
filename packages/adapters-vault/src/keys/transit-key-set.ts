import {
  LocalVerifier,
  SignatureError,
  type ParmanaErrorCodeOf,
  type SigningKeyAlgorithm,
} from "@parmanasystems/core";
import { decodeBase64Strict } from "@parmanasystems/core/internal";
import type { TransitClient } from "../http/transit-client.js";
import { VaultTransportFailure } from "../http/vault-http.js";

/** Transit key types Parmana signs with, and the algorithm each one is. */
export type TransitKeyType = "ed25519" | "ecdsa-p256";

const SUPPORTED_TYPES: Readonly<Record<TransitKeyType, SigningKeyAlgorithm>> = {
  ed25519: "ed25519",
  "ecdsa-p256": "ecdsa-p256-sha256",
};

/** One readable version of the key, ready to verify locally. */
export interface TransitKeyVersion {
  readonly version: number;
  readonly verifier: LocalVerifier;
  readonly createdAt: string | undefined;
}

/** What one `GET <mount>/keys/<name>` told us. */
export interface TransitKeySet {
  readonly type: TransitKeyType;
  readonly algorithm: SigningKeyAlgorithm;
  readonly latestVersion: number;
  readonly minDecryptionVersion: number;
  /** Versions Vault lists: min_decryption_version..latest_version (older ones are archived). */
  readonly versions: ReadonlyMap<number, TransitKeyVersion>;
}

/**
 * Reads the key and its public keys. Vault lists only versions at or above
 * `min_decryption_version`, which is exactly the set a verifier should accept.
 *
 * @throws SignatureError `SIG-007` not an ed25519/ecdsa-p256 signing key, `SIG-009` missing or
 *   unreachable, `SIG-011` access denied, `SIG-030` a malformed answer
 */
export async function readTransitKeySet(client: TransitClient): Promise<TransitKeySet> {
  const what = `Transit key ${client.config.keyIdBase.slice("vault:".length)}`;
  let response;
  try {
    response = await client.readKey();
  } catch (error) {
    throw transportError(error, `reading ${what}`, "SIG-009");
  }
  const details = { status: response.status, vaultErrors: response.errors };
  if (response.status === 403) {
    throw new SignatureError(
      "SIG-011",
      `Vault denied reading ${what} (HTTP 403: the token is invalid or expired, or its policy lacks read on ${client.config.mount}/keys/${client.config.keyName})`,
      { details },
    );
  }
  if (response.status === 404) {
    throw new SignatureError("SIG-009", `${what} does not exist (HTTP 404; deleted?)`, {
      details,
    });
  }
  if (response.status !== 200) {
    throw new SignatureError("SIG-009", `Vault could not read ${what} (HTTP ${response.status})`, {
      details,
      retryable: response.status >= 500 || response.status === 429,
    });
  }
  return parseKeySet(response.body, what);
}

function parseKeySet(body: unknown, what: string): TransitKeySet {
  const data = (body as { data?: unknown } | undefined)?.data as
    Record<string, unknown> | undefined;
  if (typeof data !== "object" || data === null) malformed(`${what}: the answer has no data`);
  const type = data["type"];
  if (typeof type !== "string") malformed(`${what}: the answer has no key type`);
  if (!Object.prototype.hasOwnProperty.call(SUPPORTED_TYPES, type) || data["derived"] === true) {
    const shown = data["derived"] === true ? `derived ${type}` : type;
    throw new SignatureError(
      "SIG-007",
      `${what} is of type ${shown.slice(0, 40)}; Parmana signs with ed25519 or ecdsa-p256 keys (not derived)`,
      { details: { keyType: shown.slice(0, 40) } },
    );
  }
  const keyType = type as TransitKeyType;
  const latestVersion = data["latest_version"];
  const minDecryptionVersion = data["min_decryption_version"];
  if (!isVersion(latestVersion) || !isVersion(minDecryptionVersion)) {
    malformed(`${what}: latest_version or min_decryption_version is missing`);
  }
  const keys = data["keys"];
  if (typeof keys !== "object" || keys === null || Array.isArray(keys)) {
    malformed(`${what}: the answer lists no key versions`);
  }
  const versions = new Map<number, TransitKeyVersion>();
  for (const [name, entry] of Object.entries(keys)) {
    const version = Number(name);
    if (!/^[1-9][0-9]{0,8}$/.test(name) || version > latestVersion) {
      malformed(`${what}: key version ${name.slice(0, 12)} is not a version number`);
    }
    // Defence in depth: never trust a version Vault itself would refuse to verify.
    if (version < minDecryptionVersion) continue;
    versions.set(version, {
      version,
      verifier: publicKeyOf(keyType, entry, `${what} v${version}`),
      createdAt: creationTime(entry),
    });
  }
  if (!versions.has(latestVersion)) malformed(`${what}: the latest version has no public key`);
  return {
    type: keyType,
    algorithm: SUPPORTED_TYPES[keyType],
    latestVersion,
    minDecryptionVersion,
    versions,
  };
}

function publicKeyOf(type: TransitKeyType, entry: unknown, what: string): LocalVerifier {
  const publicKey = (entry as { public_key?: unknown } | null)?.public_key;
  if (typeof publicKey !== "string" || publicKey.length === 0) {
    malformed(`${what} has no public_key`);
  }
  let verifier: LocalVerifier;
  try {
    if (type === "ed25519") {
      // Vault gives Ed25519 public keys as base64 of the 32 raw bytes (RFC 8032 encoding).
      const raw = decodeBase64Strict(publicKey);
      if (raw === undefined || raw.length !== 32) throw new Error("not 32 base64 bytes");
      verifier = new LocalVerifier(raw);
    } else {
      // ECDSA public keys come as PEM SPKI.
      verifier = new LocalVerifier(publicKey);
    }
  } catch (cause) {
    return malformed(`${what}: public_key is not a valid ${type} public key`, cause);
  }
  if (verifier.algorithm !== SUPPORTED_TYPES[type]) {
    malformed(`${what}: public_key is not a ${type} key`);
  }
  return verifier;
}

function creationTime(entry: unknown): string | undefined {
  const value = (entry as { creation_time?: unknown } | null)?.creation_time;
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

function isVersion(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function malformed(message: string, cause?: unknown): never {
  throw new SignatureError("SIG-030", message, cause === undefined ? {} : { cause });
}

/** Maps a failed call to a coded error; timeouts and network errors may be retried. */
export function transportError(
  error: unknown,
  doing: string,
  code: ParmanaErrorCodeOf<"SIG">,
): unknown {
  if (!(error instanceof VaultTransportFailure)) return error;
  if (error.kind === "not-json" || error.kind === "too-large") {
    return new SignatureError("SIG-030", `Vault answered ${doing} with ${error.message}`, {
      details: {
        reason: error.kind,
        ...(error.status === undefined ? {} : { status: error.status }),
      },
    });
  }
  return new SignatureError(code, `Vault did not answer ${doing}: ${error.message}`, {
    details: { reason: error.kind },
    retryable: true,
  });
}
