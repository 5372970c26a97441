import { SignatureError } from "../errors/parmana-error.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import { signMessage, type KeyObject } from "../internal/node-crypto.js";
import { encodeBase64Buffer } from "./internal/base64-buffer.js";
import { borrowUtf8, returnUtf8 } from "./internal/utf8-scratch.js";
import { normalizeEcdsaP256Signature } from "./ecdsa-low-s.js";
import { readPrivateKeyFile, recordedKeyId } from "./internal/read-key-file.js";
import {
  deriveKeyId,
  exportPublicKeyPem,
  keyAlgorithm,
  toPrivateKeyObject,
  type PrivateKeyInput,
} from "./keys.js";
import type { SigningKeyAlgorithm, Signer } from "./signer.types.js";

/** Options of {@link LocalSigner}. */
export interface LocalSignerOptions {
  /** Key identifier to report as `signerKeyId`; derived from the public key when absent. */
  readonly keyId?: string;
}

// The byte-level step of the class, reachable from executeFromSignals (below).
let signRawOf: (signer: LocalSigner, message: Uint8Array) => Uint8Array;

/**
 * Signs in process with a private key held in memory: Ed25519 (RFC 8032, deterministic) or
 * ECDSA P-256 with SHA-256 (DER signature, as KMS produces, always in low-S form). Synchronous.
 *
 * @example
 * ```ts
 * const { privateKeyPem } = generateKeyPair();
 * const signer = new LocalSigner(privateKeyPem);
 * const signature = signer.sign(canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation));
 * ```
 */
export class LocalSigner implements Signer {
  /** Identifier of the key (`signerKeyId`). */
  readonly keyId: string;
  /** Algorithm of the key. */
  readonly algorithm: SigningKeyAlgorithm;
  /** PEM SPKI of the matching public key. */
  readonly publicKeyPem: string;
  readonly #privateKey: KeyObject;

  /** The key identifier written into attestations as `signerKeyId` (equal to {@link keyId}). */
  get signerKeyId(): string {
    return this.keyId;
  }

  static {
    signRawOf = (signer, message) => signer.#signRaw(message);
  }

  /**
   * @param privateKey - PEM PKCS#8 text or a private KeyObject
   * @param options - optional explicit `keyId`
   * @throws SignatureError `SIG-001` malformed key, `SIG-002` unsupported type, `SIG-003` not a private key
   */
  constructor(privateKey: PrivateKeyInput, options: LocalSignerOptions = {}) {
    this.#privateKey = toPrivateKeyObject(privateKey);
    this.algorithm = keyAlgorithm(this.#privateKey);
    this.publicKeyPem = exportPublicKeyPem(this.#privateKey);
    this.keyId = options.keyId ?? deriveKeyId(this.#privateKey);
  }

  /**
   * Loads a private key file, with the key id chosen for it: `options.keyId` when given, else
   * the `keyId` of the `key.json` that `parmana keygen --key-id` writes beside the key (when it
   * describes this key), else the id derived from the public key. Use it where the key id must
   * match a trust root (`parmana trust init` records the same id).
   *
   * @param path - the PEM PKCS#8 file, e.g. `"keys/private.pem"`
   * @param options - optional explicit `keyId`
   * @returns the signer
   * @throws SystemError `SYS-030` unreadable file, `SYS-031` malformed key.json; SignatureError
   *   `SIG-001`..`SIG-003` for a file that is not a private key
   * @example
   * ```ts
   * const signer = LocalSigner.fromFile("keys/private.pem");
   * signer.signerKeyId; // "acme-2026", as chosen with `parmana keygen --key-id acme-2026`
   * ```
   */
  static fromFile(path: string, options: LocalSignerOptions = {}): LocalSigner {
    const pem = readPrivateKeyFile(path);
    const signer = new LocalSigner(pem, options);
    if (options.keyId !== undefined) return signer;
    const recorded = recordedKeyId(path, signer.publicKeyPem);
    return recorded === undefined || recorded === signer.keyId
      ? signer
      : new LocalSigner(pem, { keyId: recorded });
  }

  /**
   * Signs the UTF-8 bytes of `payload`.
   *
   * @param payload - the canonical signing input
   * @returns the signature, standard base64 with padding
   * @throws SignatureError `SIG-004` when `payload` is not a string
   */
  sign(payload: string): string {
    if (typeof payload !== "string") {
      throw new SignatureError("SIG-004", `payload must be a string, got ${typeof payload}`);
    }
    const bytes = borrowUtf8(payload);
    try {
      return this.#sign(bytes);
    } finally {
      returnUtf8(bytes);
    }
  }

  /**
   * Signs arbitrary bytes (a message that is not text, such as the RFC 8032 test messages).
   * `sign(text)` is `signBytes(UTF-8 bytes of text)`.
   *
   * @param message - the bytes to sign
   * @returns the signature, standard base64 with padding
   * @throws SignatureError `SIG-004` when `message` is not a Uint8Array
   */
  signBytes(message: Uint8Array): string {
    if (!isUint8Array(message)) {
      throw new SignatureError("SIG-004", `message must be a Uint8Array, got ${typeof message}`);
    }
    return this.#sign(message);
  }

  /**
   * Signs `message` and returns the signature bytes (low-S for ECDSA), which
   * {@link LocalSigner.signBytes} returns base64-encoded.
   */
  #signRaw(message: Uint8Array): Uint8Array {
    const signature = signMessage(message, this.#privateKey);
    // ECDSA: s and n - s both verify; emit the low-S one that verifiers accept.
    return this.algorithm === "ed25519" ? signature : normalizeEcdsaP256Signature(signature);
  }

  #sign(message: Uint8Array): string {
    return encodeBase64Buffer(this.#signRaw(message));
  }

  /** Keeps key material out of logs and JSON dumps. */
  toJSON(): { keyId: string; algorithm: SigningKeyAlgorithm } {
    return { keyId: this.keyId, algorithm: this.algorithm };
  }
}

/**
 * The signature bytes a LocalSigner makes for `message` (low-S for ECDSA): what `signBytes`
 * returns base64-encoded. For `executeFromSignals`, which self-verifies them before encoding.
 *
 * @param signer - the signer
 * @param message - the bytes to sign
 * @returns the signature bytes
 */
export function signBytesRaw(signer: LocalSigner, message: Uint8Array): Uint8Array {
  return signRawOf(signer, message);
}
