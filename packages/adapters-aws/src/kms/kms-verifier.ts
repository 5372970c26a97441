import { createHash } from "node:crypto";
import { VerifyCommand, type VerifyCommandOutput } from "@aws-sdk/client-kms";
import {
  ParmanaError,
  SignatureError,
  StoreError,
  type AsyncVerifier,
  type SigningKeyAlgorithm,
} from "@parmanasystems/core";
import { failureText, sendWithDeadline } from "../internal/send-with-deadline.js";
import { kmsConnection, type KmsConnection, type KmsConnectionOptions } from "./kms-connection.js";
import { kmsFailureFacts } from "./kms-failure.js";
import { KmsKeyCache, type KmsKey } from "./kms-key.js";
import { KMS_MAX_RAW_MESSAGE_BYTES } from "./kms-signer.js";

/** Where a {@link KMSVerifier} checks signatures. */
export type KMSVerifierMode = "local" | "remote";

/** Options of {@link KMSVerifier}. */
export interface KMSVerifierOptions extends KmsConnectionOptions {
  /**
   * `"local"` (default): fetch the public key once and verify in process, as fast as
   * `LocalVerifier`. `"remote"`: ask KMS (`Verify`) for every signature.
   */
  readonly mode?: KMSVerifierMode;
  /**
   * Told why a verification returned false for a reason other than a bad signature: `SIG-009`
   * (the public key could not be read), `SIG-010` (remote mode: KMS did not answer),
   * `SIG-007`/`SIG-011`/`SIG-020` (key or credentials problems), `SIG-008` (remote Ed25519
   * message over 4,096 bytes). Errors thrown by the hook are ignored.
   */
  readonly onDiagnostic?: (error: ParmanaError) => void;
}

/**
 * Verifies signatures made by an AWS KMS key, for `executeFromSignals` (its self-check) and
 * `verifyAttestation`.
 *
 * By default it verifies **locally**: the public key is fetched once with `GetPublicKey`, cached,
 * and every signature is checked in process with core's `LocalVerifier` (no network per call).
 * The algorithm comes from the key spec (ECDSA P-256 DER, or Ed25519). `mode: "remote"` sends
 * each signature to KMS (`Verify`) instead, for operators who require it.
 *
 * `verify` never throws: a bad, malformed or non-string signature, an unreachable KMS or an
 * unusable key all return false (the latter through `onDiagnostic`).
 *
 * @example
 * ```ts
 * const verifier = new KMSVerifier(process.env.KMS_KEY_ID!);
 * const result = await verifyAttestation(attestation, verifier);
 * ```
 */
export class KMSVerifier implements AsyncVerifier {
  /** `"local"` or `"remote"`. */
  readonly mode: KMSVerifierMode;
  readonly #connection: KmsConnection;
  readonly #keys: KmsKeyCache;
  readonly #onDiagnostic: ((error: ParmanaError) => void) | undefined;
  #closed = false;

  /**
   * @param keyId - key ARN, key id, alias name or alias ARN
   * @param region - region of the `KMSClient` the verifier creates; `"us-east-1"` by default
   * @throws StoreError `STORE-001` when `keyId` is not a non-empty string
   */
  constructor(keyId: string, region?: string);
  /**
   * @param options - `{ keyId, client?, region?, operationTimeoutMs?, mode?, onDiagnostic? }`
   * @throws StoreError `STORE-001` for an unknown option, a wrong type, or both client and region
   */
  constructor(options: KMSVerifierOptions);
  constructor(keyIdOrOptions: string | KMSVerifierOptions, region?: string) {
    let mode: unknown;
    let onDiagnostic: unknown;
    if (typeof keyIdOrOptions === "object" && keyIdOrOptions !== null) {
      mode = keyIdOrOptions.mode ?? "local";
      onDiagnostic = keyIdOrOptions.onDiagnostic;
      if (mode !== "local" && mode !== "remote") {
        throw new StoreError("STORE-001", `KMSVerifier option mode must be "local" or "remote"`, {
          details: { option: "mode" },
        });
      }
      if (onDiagnostic !== undefined && typeof onDiagnostic !== "function") {
        throw new StoreError("STORE-001", "KMSVerifier option onDiagnostic must be a function", {
          details: { option: "onDiagnostic" },
        });
      }
    }
    this.#connection = kmsConnection("KMSVerifier", keyIdOrOptions, region, [
      "mode",
      "onDiagnostic",
    ]).connection;
    this.mode = (mode as KMSVerifierMode | undefined) ?? "local";
    this.#onDiagnostic = onDiagnostic as ((error: ParmanaError) => void) | undefined;
    this.#keys = new KmsKeyCache(
      this.#connection.client,
      this.#connection.keyId,
      this.#connection.timeoutMs,
    );
  }

  /** The key ARN, once the key has been read. */
  get signerKeyId(): string | undefined {
    return this.#keys.loaded?.arn;
  }

  /** `"ecdsa-p256-sha256"` or `"ed25519"`, once the key has been read. */
  get algorithm(): SigningKeyAlgorithm | undefined {
    return this.#keys.loaded?.algorithm;
  }

  /**
   * Fetches and caches the public key now (one `GetPublicKey`), so the first verification does
   * not wait for it. Optional.
   *
   * @throws SignatureError `SIG-009` key unavailable, `SIG-011` credentials refused, `SIG-007`
   *   unsupported key spec or usage, `SIG-020` malformed answer
   * @throws StoreError `STORE-005` after close()
   */
  async ready(): Promise<void> {
    if (this.#closed) throw new StoreError("STORE-005", "KMSVerifier was used after close()");
    await this.#keys.get();
  }

  /**
   * @param payload - the signing input that was signed
   * @param signature - standard base64 signature
   * @returns true only when the signature is valid for `payload` under the KMS key; false in
   *   every other case, never an exception
   */
  verify(payload: string, signature: string): Promise<boolean> {
    if (typeof payload !== "string" || typeof signature !== "string" || this.#closed) {
      return Promise.resolve(false);
    }
    const key = this.#keys.loaded;
    // Hot path: the key is cached, so verifying costs what LocalVerifier costs.
    if (key !== undefined && this.mode === "local") {
      return Promise.resolve(key.verifier.verify(payload, signature));
    }
    return this.#verifySlow(payload, signature);
  }

  /**
   * The key's public half as PEM SPKI (for `parmana trust init` and offline verifiers).
   *
   * @returns PEM text
   * @throws SignatureError as {@link KMSVerifier.ready}
   */
  async exportPublicKeyPem(): Promise<string> {
    await this.ready();
    return (this.#keys.loaded as KmsKey).verifier.publicKeyPem;
  }

  /** Closes the `KMSClient` the verifier created; a client you passed in stays open. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#connection.ownsClient) this.#connection.client.destroy();
  }

  async #verifySlow(payload: string, signature: string): Promise<boolean> {
    let key: KmsKey;
    try {
      key = await this.#keys.get();
    } catch (error) {
      this.#report(error);
      return false;
    }
    return this.mode === "local"
      ? key.verifier.verify(payload, signature)
      : this.#verifyRemote(key, payload, signature);
  }

  async #verifyRemote(key: KmsKey, payload: string, signature: string): Promise<boolean> {
    const signatureBytes = Buffer.from(signature, "base64");
    // Malformed base64 never reaches KMS: the local decoder is the strict one.
    if (signatureBytes.length === 0 || signatureBytes.toString("base64") !== signature) {
      return false;
    }
    const message = Buffer.from(payload, "utf8");
    const raw = message.length <= KMS_MAX_RAW_MESSAGE_BYTES;
    if (!raw && key.keySpec === "ECC_NIST_EDWARDS25519") {
      this.#report(
        new SignatureError(
          "SIG-008",
          `the message is ${message.length} bytes; KMS verifies at most ${KMS_MAX_RAW_MESSAGE_BYTES} bytes with an Ed25519 key`,
          { details: { bytes: message.length, limit: KMS_MAX_RAW_MESSAGE_BYTES } },
        ),
      );
      return false;
    }
    try {
      const answer: VerifyCommandOutput = await sendWithDeadline(
        this.#connection.client,
        new VerifyCommand({
          KeyId: key.arn,
          Message: raw ? message : createHash("sha256").update(message).digest(),
          MessageType: raw ? "RAW" : "DIGEST",
          Signature: signatureBytes,
          SigningAlgorithm: key.signingAlgorithm,
        }),
        this.#connection.timeoutMs,
      );
      return answer.SignatureValid === true;
    } catch (error) {
      const facts = kmsFailureFacts(error);
      // KMS reports a signature that does not verify as an error; that is a plain false.
      if (facts.providerError === "KMSInvalidSignatureException") return false;
      this.#report(
        new SignatureError(
          "SIG-010",
          `KMS Verify did not answer: ${failureText(facts)}; verify returned false`,
          { details: { operation: "Verify", ...facts } },
        ),
      );
      return false;
    }
  }

  #report(error: unknown): void {
    if (this.#onDiagnostic === undefined || !ParmanaError.isInstance(error)) return;
    try {
      this.#onDiagnostic(error);
    } catch {
      // A diagnostic hook must not change the answer.
    }
  }
}
