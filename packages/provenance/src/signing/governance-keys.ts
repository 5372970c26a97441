import { ProvenanceError, exportPublicKeyPem, generateKeyPair } from "@parmanasystems/core";
import { importPublicKeyPem, type KeyObject } from "../internal/crypto.js";
import { describeKind, messageOf } from "../internal/lifecycle-guards.js";
import type { GovernanceKeyPair } from "./governance-signature.types.js";
import { readKeyKind } from "./governance-signing-input.js";

/**
 * Exports an Ed25519 public key as PEM SPKI text (a private key yields its public half).
 *
 * @param publicKey - an Ed25519 KeyObject
 * @returns PEM text
 * @throws ProvenanceError `PROV-025` when the key is not an Ed25519 KeyObject
 * @example
 * ```ts
 * const pem = exportPublicKey(publicKey);
 * ```
 */
export function exportPublicKey(publicKey: KeyObject): string {
  if (readKeyKind(publicKey)?.algorithm !== "ed25519") {
    throw new ProvenanceError(
      "PROV-025",
      `exportPublicKey: expected an Ed25519 KeyObject, got ${describeKind(publicKey)}`,
    );
  }
  try {
    return exportPublicKeyPem(publicKey);
  } catch (cause) {
    throw new ProvenanceError(
      "PROV-025",
      `exportPublicKey: the key cannot be exported: ${messageOf(cause)}`,
      { cause },
    );
  }
}

/**
 * Imports a PEM SPKI Ed25519 public key. Private key PEMs are refused: a verifier never needs one.
 *
 * @param pem - PEM text
 * @returns the public KeyObject
 * @throws ProvenanceError `PROV-025` when `pem` is not an Ed25519 public key PEM, or is one of the
 *   small-order or non-canonical keys under which signatures can be forged
 * @example
 * ```ts
 * const publicKey = importPublicKey(fs.readFileSync("governance.pub.pem", "utf8"));
 * ```
 */
export function importPublicKey(pem: string): KeyObject {
  const key = importPublicKeyPem(pem);
  if (key === undefined || key.asymmetricKeyType !== "ed25519") {
    throw new ProvenanceError(
      "PROV-025",
      key === undefined
        ? `importPublicKey: not a usable PEM public key (got ${typeof pem === "string" ? "unparseable text, or a small-order or non-canonical Ed25519 key" : describeKind(pem)})`
        : `importPublicKey: expected an Ed25519 public key, got ${String(key.asymmetricKeyType)}`,
    );
  }
  return key;
}

/**
 * Generates an Ed25519 key pair from the operating system's CSPRNG. For development and tests:
 * production governance keys belong in a KMS, HSM or hardware-backed root.
 *
 * @returns `{ privateKey, publicKey }` as KeyObjects
 * @example
 * ```ts
 * const { privateKey, publicKey } = generateGovernanceKeyPair();
 * ```
 */
export function generateGovernanceKeyPair(): GovernanceKeyPair {
  const { privateKey, publicKey } = generateKeyPair();
  return { privateKey, publicKey };
}
