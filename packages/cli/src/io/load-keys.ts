import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { LocalSigner, LocalVerifier } from "@parmanasystems/core";
import { isJsonObject, readJsonFile, readTextFile } from "./read-text-file.js";
import { resolvePath } from "./resolve-path.js";
import { withPath } from "./with-path.js";

/** Name of the file `parmana keygen` writes beside the keys to remember a chosen key id. */
export const KEY_INFO_FILE = "key.json";

/** Contents of `key.json`. */
export interface KeyInfo {
  readonly keyId: string;
  readonly algorithm: string;
  readonly publicKey: string;
}

/**
 * Reads `key.json` beside a key file, when there is one and it describes that key.
 *
 * @param keyPath - absolute path of private.pem or public.pem
 * @param publicKeyPem - the key's public half, to check the file describes this key
 * @returns the recorded key id, or undefined
 */
function keyIdFromInfoFile(keyPath: string, publicKeyPem: string): string | undefined {
  const infoPath = join(dirname(keyPath), KEY_INFO_FILE);
  if (!existsSync(infoPath)) return undefined;
  const info = readJsonFile(infoPath, "key info");
  if (!isJsonObject(info) || typeof info.keyId !== "string" || typeof info.publicKey !== "string")
    return undefined;
  const publicPath = join(dirname(keyPath), info.publicKey);
  if (!existsSync(publicPath)) return undefined;
  // Only trust the recorded id when it belongs to this very key.
  const recordedPem = readTextFile(publicPath, "public key");
  return recordedPem.trim() === publicKeyPem.trim() ? info.keyId : undefined;
}

/**
 * Loads a private key file as a {@link LocalSigner}.
 *
 * The key id is `keyId` when given, else the one `parmana keygen --key-id` recorded in
 * `key.json` beside the key, else the id derived from the public key.
 *
 * @param io - working directory
 * @param path - the PEM file as typed
 * @param keyId - explicit key id
 * @returns the signer
 * @throws CliError `CLI-002`/`CLI-003`; SignatureError `SIG-001`/`SIG-003` for a malformed or public key
 */
export function loadSigner(
  io: { readonly cwd: string },
  path: string,
  keyId?: string,
): LocalSigner {
  const absolute = resolvePath(io, path);
  const pem = readTextFile(absolute, "private key", path);
  let signer: LocalSigner;
  try {
    signer = new LocalSigner(pem);
  } catch (error) {
    throw withPath(error, path);
  }
  const chosen = keyId ?? keyIdFromInfoFile(absolute, signer.publicKeyPem);
  return chosen === undefined || chosen === signer.keyId
    ? signer
    : new LocalSigner(pem, { keyId: chosen });
}

/**
 * Loads a public key file as a {@link LocalVerifier}.
 *
 * @param io - working directory
 * @param path - the PEM file as typed
 * @returns the verifier and the PEM text
 * @throws CliError `CLI-002`/`CLI-003`; SignatureError `SIG-001`/`SIG-003`
 */
export function loadPublicKey(
  io: { readonly cwd: string },
  path: string,
): { verifier: LocalVerifier; pem: string; keyId: string } {
  const absolute = resolvePath(io, path);
  const pem = readTextFile(absolute, "public key", path);
  let verifier: LocalVerifier;
  try {
    verifier = new LocalVerifier(pem);
  } catch (error) {
    throw withPath(error, path);
  }
  return {
    verifier,
    pem,
    keyId: keyIdFromInfoFile(absolute, verifier.publicKeyPem) ?? verifier.keyId,
  };
}
