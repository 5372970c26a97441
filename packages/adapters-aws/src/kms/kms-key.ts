import { GetPublicKeyCommand, type GetPublicKeyCommandOutput } from "@aws-sdk/client-kms";
import { LocalVerifier, SignatureError, type SigningKeyAlgorithm } from "@parmanasystems/core";
import type { SdkClient } from "../internal/options.js";
import { sendWithDeadline } from "../internal/send-with-deadline.js";
import { kmsFailure } from "./kms-failure.js";

/** KMS key spec Parmana supports. */
export type SupportedKeySpec = "ECC_NIST_P256" | "ECC_NIST_EDWARDS25519";

/** The KMS key specs Parmana signs with, and what each implies. */
const SUPPORTED_SPECS: Readonly<
  Record<
    SupportedKeySpec,
    {
      signingAlgorithm: "ECDSA_SHA_256" | "ED25519_SHA_512";
      algorithm: SigningKeyAlgorithm;
    }
  >
> = {
  ECC_NIST_P256: { signingAlgorithm: "ECDSA_SHA_256", algorithm: "ecdsa-p256-sha256" },
  ECC_NIST_EDWARDS25519: { signingAlgorithm: "ED25519_SHA_512", algorithm: "ed25519" },
};

/** What a KMS key is, read once with `GetPublicKey`. */
export interface KmsKey {
  /** The key ARN KMS reported (aliases and bare key ids resolve to it). */
  readonly arn: string;
  readonly keySpec: SupportedKeySpec;
  /** The KMS `SigningAlgorithm` that goes with the key spec. */
  readonly signingAlgorithm: "ECDSA_SHA_256" | "ED25519_SHA_512";
  readonly algorithm: SigningKeyAlgorithm;
  /** Verifies in process with the key's public half. */
  readonly verifier: LocalVerifier;
}

/**
 * Reads a key's spec, usage and public key with one `GetPublicKey` call and checks that Parmana
 * can sign with it.
 *
 * @throws SignatureError `SIG-009` unavailable, `SIG-011` credentials refused, `SIG-007` wrong
 *   spec or usage, `SIG-020` an answer that is not what the API reference describes
 */
export async function loadKmsKey(
  client: SdkClient,
  keyId: string,
  timeoutMs: number,
): Promise<KmsKey> {
  let answer: GetPublicKeyCommandOutput;
  try {
    answer = await sendWithDeadline(client, new GetPublicKeyCommand({ KeyId: keyId }), timeoutMs);
  } catch (error) {
    throw kmsFailure(error, "GetPublicKey", "SIG-009");
  }
  if (answer.KeyUsage !== "SIGN_VERIFY") {
    throw new SignatureError(
      "SIG-007",
      `the KMS key's usage is ${String(answer.KeyUsage)}, not SIGN_VERIFY`,
      { details: { keyUsage: answer.KeyUsage } },
    );
  }
  const keySpec = answer.KeySpec;
  if (keySpec === undefined || !Object.prototype.hasOwnProperty.call(SUPPORTED_SPECS, keySpec)) {
    throw new SignatureError(
      "SIG-007",
      `the KMS key spec ${String(keySpec)} is not supported; use ECC_NIST_P256 or ECC_NIST_EDWARDS25519`,
      { details: { keySpec } },
    );
  }
  const spec = SUPPORTED_SPECS[keySpec as SupportedKeySpec];
  if (
    answer.SigningAlgorithms !== undefined &&
    !answer.SigningAlgorithms.includes(spec.signingAlgorithm)
  ) {
    throw new SignatureError(
      "SIG-007",
      `the KMS key does not offer ${spec.signingAlgorithm} (it offers ${answer.SigningAlgorithms.join(", ")})`,
      { details: { keySpec, signingAlgorithms: answer.SigningAlgorithms } },
    );
  }
  if (typeof answer.KeyId !== "string" || !answer.KeyId.startsWith("arn:")) {
    throw malformed("GetPublicKey did not return the key ARN");
  }
  if (!(answer.PublicKey instanceof Uint8Array) || answer.PublicKey.length === 0) {
    throw malformed("GetPublicKey did not return a public key");
  }
  let verifier: LocalVerifier;
  try {
    const der = Buffer.from(answer.PublicKey);
    const pem = `-----BEGIN PUBLIC KEY-----\n${der
      .toString("base64")
      .replace(/(.{64})/g, "$1\n")
      .replace(/\n$/, "")}\n-----END PUBLIC KEY-----\n`;
    verifier = new LocalVerifier(pem);
  } catch {
    throw malformed("GetPublicKey returned a public key that is not DER SubjectPublicKeyInfo");
  }
  if (verifier.algorithm !== spec.algorithm) {
    throw malformed(
      `GetPublicKey returned a ${verifier.algorithm} public key for a ${keySpec} key`,
    );
  }
  return {
    arn: answer.KeyId,
    keySpec: keySpec as SupportedKeySpec,
    signingAlgorithm: spec.signingAlgorithm,
    algorithm: spec.algorithm,
    verifier,
  };
}

/** `SIG-020`: KMS answered, but not as its API reference says it does. */
export function malformed(what: string): SignatureError {
  return new SignatureError("SIG-020", `AWS KMS answered in an unexpected form: ${what}`);
}

/**
 * Loads a key once and keeps it; concurrent first callers share one request. A failed load is
 * not kept, so the next call tries again (the key may have been enabled meanwhile).
 */
export class KmsKeyCache {
  #key: KmsKey | undefined;
  #loading: Promise<KmsKey> | undefined;

  constructor(
    private readonly client: SdkClient,
    private readonly keyId: string,
    private readonly timeoutMs: number,
  ) {}

  /** The key when it has been loaded, else undefined (no request). */
  get loaded(): KmsKey | undefined {
    return this.#key;
  }

  /** The key, loading it on first use. */
  get(): Promise<KmsKey> {
    if (this.#key !== undefined) return Promise.resolve(this.#key);
    this.#loading ??= loadKmsKey(this.client, this.keyId, this.timeoutMs).then(
      (key) => {
        this.#key = key;
        this.#loading = undefined;
        return key;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }
}
