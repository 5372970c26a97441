import { SignCommand, type SignCommandOutput } from "@aws-sdk/client-kms";
import { createHash } from "node:crypto";
import {
  SignatureError,
  StoreError,
  type SigningKeyAlgorithm,
  type Signer,
} from "@parmanasystems/core";
import { sendWithDeadline } from "../internal/send-with-deadline.js";
import { toLowS } from "./ecdsa-signature.js";
import { kmsConnection, type KmsConnection, type KmsConnectionOptions } from "./kms-connection.js";
import { kmsFailure } from "./kms-failure.js";
import { KmsKeyCache, malformed, type KmsKey } from "./kms-key.js";

/** Largest message KMS signs as `MessageType: RAW` (the Sign API's `Message` limit). */
export const KMS_MAX_RAW_MESSAGE_BYTES = 4096;

/** Options of {@link KMSSigner}: the key and, optionally, your `KMSClient` and a deadline. */
export type KMSSignerOptions = KmsConnectionOptions;

const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\//;

/**
 * Signs Parmana artifacts with an asymmetric AWS KMS key; the private key never leaves KMS.
 *
 * The algorithm follows the key, read once with `GetPublicKey`:
 * - `ECC_NIST_P256` → `ECDSA_SHA_256`; the DER signature comes back in low-S form, base64.
 *   Messages over 4,096 bytes are signed as `MessageType: DIGEST` over their SHA-256 (the same
 *   signature KMS would make over the raw message).
 * - `ECC_NIST_EDWARDS25519` → `ED25519_SHA_512` over the raw message (RFC 8032 Ed25519, 64 bytes,
 *   base64). KMS signs at most 4,096 bytes this way and has no pre-hashed equivalent, so larger
 *   messages are refused before anything is sent.
 *
 * `signerKeyId` is the key ARN: known from the start when `keyId` is a key ARN, otherwise after
 * {@link KMSSigner.ready} or the first signature resolved it.
 *
 * @example
 * ```ts
 * const signer = new KMSSigner(process.env.KMS_KEY_ID!);
 * const verifier = new KMSVerifier(process.env.KMS_KEY_ID!);
 * const attestation = await executeFromSignals(input, signer, verifier, store);
 * ```
 */
export class KMSSigner implements Signer {
  readonly #connection: KmsConnection;
  readonly #keys: KmsKeyCache;
  #closed = false;

  /**
   * @param keyId - key ARN (recommended), key id, alias name or alias ARN
   * @param region - region of the `KMSClient` the signer creates; `"us-east-1"` by default
   * @throws StoreError `STORE-001` when `keyId` is not a non-empty string
   */
  constructor(keyId: string, region?: string);
  /**
   * @param options - `{ keyId, client?, region?, operationTimeoutMs? }`
   * @throws StoreError `STORE-001` for an unknown option, a wrong type, or both client and region
   */
  constructor(options: KMSSignerOptions);
  constructor(keyIdOrOptions: string | KMSSignerOptions, region?: string) {
    this.#connection = kmsConnection("KMSSigner", keyIdOrOptions, region, []).connection;
    this.#keys = new KmsKeyCache(
      this.#connection.client,
      this.#connection.keyId,
      this.#connection.timeoutMs,
    );
  }

  /**
   * The key ARN, written into attestations as `signerKeyId`. Undefined only while a key given by
   * alias or bare key id has not been resolved yet (call {@link KMSSigner.ready} at start-up).
   */
  get signerKeyId(): string | undefined {
    const loaded = this.#keys.loaded;
    if (loaded !== undefined) return loaded.arn;
    return KEY_ARN.test(this.#connection.keyId) ? this.#connection.keyId : undefined;
  }

  /** `"ecdsa-p256-sha256"` or `"ed25519"`, once the key spec has been read. */
  get algorithm(): SigningKeyAlgorithm | undefined {
    return this.#keys.loaded?.algorithm;
  }

  /**
   * Reads the key's spec and public key (one `GetPublicKey`), so the first decision does not pay
   * for it and `signerKeyId` is the ARN from then on. Call it outside a Lambda handler.
   *
   * @throws SignatureError `SIG-009` key unavailable, `SIG-011` credentials refused, `SIG-007`
   *   unsupported key spec or usage, `SIG-020` malformed answer
   * @example
   * ```ts
   * const signer = new KMSSigner("alias/parmana-signing");
   * await signer.ready();
   * ```
   */
  async ready(): Promise<void> {
    this.#checkOpen();
    await this.#keys.get();
  }

  /**
   * Signs the UTF-8 bytes of `payload` in KMS.
   *
   * @param payload - the canonical signing input
   * @returns the signature, standard base64 (DER low-S for P-256, 64 bytes for Ed25519)
   * @throws StoreError `STORE-005` after close()
   * @throws SignatureError `SIG-004` payload not a string, `SIG-008` an Ed25519 message over 4,096
   *   bytes, `SIG-005` KMS could not sign (`retryable` for throttling, timeouts and server faults),
   *   `SIG-009`/`SIG-011`/`SIG-007` from reading the key, `SIG-020` malformed answer
   */
  async sign(payload: string): Promise<string> {
    if (typeof payload !== "string") {
      throw new SignatureError("SIG-004", `payload must be a string, got ${typeof payload}`);
    }
    this.#checkOpen();
    const key = await this.#keys.get();
    const message = Buffer.from(payload, "utf8");
    const raw = message.length <= KMS_MAX_RAW_MESSAGE_BYTES;
    if (!raw && key.keySpec === "ECC_NIST_EDWARDS25519") {
      throw new SignatureError(
        "SIG-008",
        `the message is ${message.length} bytes; KMS signs at most ${KMS_MAX_RAW_MESSAGE_BYTES} bytes with an Ed25519 key (nothing was sent)`,
        { details: { bytes: message.length, limit: KMS_MAX_RAW_MESSAGE_BYTES } },
      );
    }
    let answer: SignCommandOutput;
    try {
      answer = await sendWithDeadline(
        this.#connection.client,
        new SignCommand({
          KeyId: key.arn,
          // Over the RAW limit, ECDSA_SHA_256 signs SHA-256(message) given as a digest: the same
          // signature as over the raw message.
          Message: raw ? message : createHash("sha256").update(message).digest(),
          MessageType: raw ? "RAW" : "DIGEST",
          SigningAlgorithm: key.signingAlgorithm,
        }),
        this.#connection.timeoutMs,
      );
    } catch (error) {
      throw kmsFailure(error, "Sign", "SIG-005");
    }
    return encodeSignature(key, answer);
  }

  /**
   * The key's public half as PEM SPKI, for `parmana trust init` or a {@link LocalVerifier}
   * elsewhere (reads the key on first use).
   *
   * @returns PEM text
   * @throws SignatureError as {@link KMSSigner.ready}
   */
  async exportPublicKeyPem(): Promise<string> {
    this.#checkOpen();
    return (await this.#keys.get()).verifier.publicKeyPem;
  }

  /** Closes the `KMSClient` the signer created; a client you passed in stays open. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#connection.ownsClient) this.#connection.client.destroy();
  }

  #checkOpen(): void {
    if (this.#closed) {
      throw new StoreError("STORE-005", "KMSSigner was used after close()");
    }
  }
}

function encodeSignature(key: KmsKey, answer: SignCommandOutput): string {
  if (answer.KeyId !== undefined && answer.KeyId !== key.arn) {
    throw malformed("Sign reported a different key than the one asked for");
  }
  if (answer.SigningAlgorithm !== undefined && answer.SigningAlgorithm !== key.signingAlgorithm) {
    throw malformed(`Sign used ${answer.SigningAlgorithm}, not ${key.signingAlgorithm}`);
  }
  const signature = answer.Signature;
  if (!(signature instanceof Uint8Array)) throw malformed("Sign returned no signature");
  if (key.keySpec === "ECC_NIST_EDWARDS25519") {
    if (signature.length !== 64) {
      throw malformed(`Sign returned a ${signature.length}-byte Ed25519 signature (RFC 8032: 64)`);
    }
    return Buffer.from(signature).toString("base64");
  }
  const lowS = toLowS(signature);
  if (lowS === undefined) throw malformed("Sign returned a signature that is not DER ECDSA P-256");
  return Buffer.from(lowS).toString("base64");
}
