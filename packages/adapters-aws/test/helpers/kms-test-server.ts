/**
 * A KMS-compatible HTTP endpoint for tests, backed by node:crypto keys. The real `KMSClient`
 * talks to it over HTTP exactly as it talks to AWS KMS: the AWS JSON 1.1 protocol (`POST /`,
 * `Content-Type: application/x-amz-json-1.1`, `X-Amz-Target: TrentService.<Operation>`), blobs as
 * base64 strings, timestamps as epoch seconds, errors as `{ "__type": "<ErrorType>", "message" }`
 * with HTTP 400 for client faults and 500 for server faults, as the AWS KMS API reference
 * describes them.
 *
 * Modelled operations: `Sign`, `Verify`, `GetPublicKey`, `DescribeKey`, with key ids, key ARNs,
 * alias names and alias ARNs; key specs `ECC_NIST_P256` (ECDSA_SHA_256, DER signatures, RAW or
 * DIGEST messages), `ECC_NIST_EDWARDS25519` (ED25519_SHA_512, RAW only), `RSA_2048`
 * (SIGN_VERIFY, RSASSA_PKCS1_V1_5_SHA_256 listed but not signed with), `SYMMETRIC_DEFAULT`
 * (ENCRYPT_DECRYPT); key states Enabled, Disabled, PendingDeletion; the documented errors
 * `NotFoundException`, `DisabledException`, `KMSInvalidStateException`,
 * `InvalidKeyUsageException`, `UnsupportedOperationException`, `KMSInvalidSignatureException`,
 * `ValidationException` (missing members, a message over 4,096 bytes, a digest of the wrong
 * length, DIGEST with ED25519_SHA_512), `SerializationException` and `UnknownOperationException`.
 *
 * NOT modelled: SigV4 — the `Authorization` header is recorded but never validated (any
 * credentials are accepted); IAM and key policies, grants and grant tokens, `DryRun`; every other
 * operation (CreateKey, aliases management, Encrypt, ...); RSA and secp256k1 signing; ML-DSA and
 * `EXTERNAL_MU`; multi-Region keys; request throttling (tests inject `ThrottlingException` and
 * other faults explicitly with `failNext`); the exact wording of AWS's error messages (only the
 * error types are relied on). Which error KMS returns for a signing algorithm the key does not
 * support is inferred from the reference (`InvalidKeyUsageException`).
 */
import {
  randomUUID,
  createHash,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { generateKeyPair, generateP256KeyPair } from "@parmanasystems/core";
import type { AddressInfo, Socket } from "node:net";
import { encodeDerSignature, parseDerSignature } from "../../src/kms/ecdsa-signature.js";
import { signDigest, verifyDigest } from "./p256-digest-ecdsa.js";

export type TestKeySpec =
  "ECC_NIST_P256" | "ECC_NIST_EDWARDS25519" | "RSA_2048" | "SYMMETRIC_DEFAULT";
export type TestKeyState = "Enabled" | "Disabled" | "PendingDeletion";

export interface TestKey {
  readonly keyId: string;
  readonly arn: string;
  readonly keySpec: TestKeySpec;
  readonly keyUsage: "SIGN_VERIFY" | "ENCRYPT_DECRYPT";
  readonly signingAlgorithms: readonly string[];
  readonly privateKey: KeyObject | undefined;
  readonly publicKey: KeyObject | undefined;
  state: TestKeyState;
  readonly createdAt: number;
}

export interface RecordedRequest {
  readonly operation: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
}

interface InjectedFault {
  readonly type: string;
  readonly status: number;
  remaining: number;
}

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

class KmsFault extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** A running KMS test endpoint. */
export class KmsTestServer {
  readonly keys: Map<string, TestKey> = new Map();
  readonly aliases: Map<string, string> = new Map();
  readonly requests: RecordedRequest[] = [];
  /** `"as-is"`: signatures as node:crypto makes them; `"high-s"`: always the high-S twin. */
  ecdsaSignatureForm: "as-is" | "high-s" = "as-is";
  /** Milliseconds to wait before answering (a slow or hung KMS). */
  delayMs = 0;
  readonly #faults = new Map<string, InjectedFault>();
  readonly #sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {
    server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
  }

  /** Starts a server on a free loopback port. */
  static async start(): Promise<KmsTestServer> {
    // Assigned once the server exists; the handler below only runs after that.
    // eslint-disable-next-line prefer-const
    let instance: KmsTestServer | undefined;
    const server = createServer((request, response) => {
      void (instance as KmsTestServer).handle(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    instance = new KmsTestServer(server, `http://127.0.0.1:${port}`);
    return instance;
  }

  /** Creates a key (and, optionally, an alias for it). */
  createKey(keySpec: TestKeySpec, alias?: string): TestKey {
    const keyId = randomUUID();
    let pair: { privateKey: KeyObject; publicKey: KeyObject } | undefined;
    let signingAlgorithms: string[] = [];
    // Core's generators for the curve keys: their keys may be exported as JWKs (the digest
    // signer reads P-256 scalars that way), which on Node 20 can deadlock for a key straight
    // from generateKeyPairSync.
    if (keySpec === "ECC_NIST_P256") {
      pair = generateP256KeyPair();
      signingAlgorithms = ["ECDSA_SHA_256"];
    } else if (keySpec === "ECC_NIST_EDWARDS25519") {
      pair = generateKeyPair();
      signingAlgorithms = ["ED25519_SHA_512", "ED25519_PH_SHA_512"];
    } else if (keySpec === "RSA_2048") {
      pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
      signingAlgorithms = ["RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PSS_SHA_256"];
    }
    const key: TestKey = {
      keyId,
      arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`,
      keySpec,
      keyUsage: keySpec === "SYMMETRIC_DEFAULT" ? "ENCRYPT_DECRYPT" : "SIGN_VERIFY",
      signingAlgorithms,
      privateKey: pair?.privateKey,
      publicKey: pair?.publicKey,
      state: "Enabled",
      createdAt: Math.floor(Date.now() / 1000),
    };
    this.keys.set(keyId, key);
    if (alias !== undefined) this.aliases.set(alias, keyId);
    return key;
  }

  /** The next `count` calls of `operation` fail with the given error type and HTTP status. */
  failNext(operation: string, type: string, status = 400, count = 1): void {
    this.#faults.set(operation, { type, status, remaining: count });
  }

  /** Requests received for one operation. */
  count(operation: string): number {
    return this.requests.filter((request) => request.operation === operation).length;
  }

  /** Stops listening and cuts every open connection (a killed KMS). */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const target = String(request.headers["x-amz-target"] ?? "");
    const operation = target.startsWith("TrentService.")
      ? target.slice("TrentService.".length)
      : target;
    try {
      if (
        request.method !== "POST" ||
        !String(request.headers["content-type"]).startsWith("application/x-amz-json-1.1")
      ) {
        throw new KmsFault(
          "UnknownOperationException",
          "expected POST with application/x-amz-json-1.1",
        );
      }
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
          throw new Error("not an object");
        body = parsed as Record<string, unknown>;
      } catch {
        throw new KmsFault(
          "SerializationException",
          "Start of structure or map found where not expected",
        );
      }
      this.requests.push({ operation, authorization: request.headers["authorization"], body });
      const fault = this.#faults.get(operation);
      if (fault !== undefined && fault.remaining > 0) {
        fault.remaining -= 1;
        throw new KmsFault(fault.type, `injected ${fault.type}`, fault.status);
      }
      const answer = this.#dispatch(operation, body);
      this.#send(response, 200, answer);
    } catch (error) {
      const fault =
        error instanceof KmsFault
          ? error
          : new KmsFault("KMSInternalException", String(error), 500);
      this.#send(response, fault.status, { __type: fault.type, message: fault.message });
    }
  }

  #send(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      "Content-Type": "application/x-amz-json-1.1",
      "Content-Length": Buffer.byteLength(text),
      "x-amzn-RequestId": randomUUID(),
    });
    response.end(text);
  }

  #dispatch(operation: string, body: Record<string, unknown>): unknown {
    switch (operation) {
      case "Sign":
        return this.#sign(body);
      case "Verify":
        return this.#verify(body);
      case "GetPublicKey":
        return this.#getPublicKey(body);
      case "DescribeKey":
        return this.#describeKey(body);
      default:
        throw new KmsFault("UnknownOperationException", `unknown operation ${operation}`);
    }
  }

  #resolve(body: Record<string, unknown>): TestKey {
    const keyId = body["KeyId"];
    if (typeof keyId !== "string" || keyId.length < 1 || keyId.length > 2048) {
      throw new KmsFault(
        "ValidationException",
        "1 validation error detected: Value at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    }
    let id = keyId;
    const aliasArn = new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:(alias/.+)$`).exec(keyId);
    const keyArn = new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/(.+)$`).exec(keyId);
    if (aliasArn !== null) id = this.aliases.get(aliasArn[1] as string) ?? "";
    else if (keyId.startsWith("alias/")) id = this.aliases.get(keyId) ?? "";
    else if (keyId.startsWith("arn:")) {
      if (keyArn === null) throw new KmsFault("NotFoundException", `Invalid arn ${keyId}`);
      id = keyArn[1] as string;
    }
    const key = this.keys.get(id);
    if (key === undefined) {
      throw new KmsFault(
        "NotFoundException",
        keyId.includes("alias/") ? `Alias ${keyId} is not found.` : `Key '${keyId}' does not exist`,
      );
    }
    return key;
  }

  #usable(key: TestKey): void {
    if (key.state === "Disabled")
      throw new KmsFault("DisabledException", `${key.arn} is disabled.`);
    if (key.state === "PendingDeletion") {
      throw new KmsFault("KMSInvalidStateException", `${key.arn} is pending deletion.`);
    }
  }

  #signingInput(
    key: TestKey,
    body: Record<string, unknown>,
  ): { message: Buffer; digest: boolean; algorithm: string } {
    if (key.keyUsage !== "SIGN_VERIFY") {
      throw new KmsFault(
        "InvalidKeyUsageException",
        `${key.arn} key usage is ${key.keyUsage} which is not valid for signing.`,
      );
    }
    const algorithm = body["SigningAlgorithm"];
    if (typeof algorithm !== "string") {
      throw new KmsFault(
        "ValidationException",
        "1 validation error detected: Value null at 'signingAlgorithm' failed to satisfy constraint: Member must not be null",
      );
    }
    if (!key.signingAlgorithms.includes(algorithm)) {
      throw new KmsFault(
        "InvalidKeyUsageException",
        `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`,
      );
    }
    const encoded = body["Message"];
    if (typeof encoded !== "string") {
      throw new KmsFault(
        "ValidationException",
        "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null",
      );
    }
    const message = Buffer.from(encoded, "base64");
    if (message.length < 1 || message.length > 4096) {
      throw new KmsFault(
        "ValidationException",
        `1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length ${message.length < 1 ? "greater than or equal to 1" : "less than or equal to 4096"}`,
      );
    }
    const messageType = body["MessageType"] ?? "RAW";
    if (messageType !== "RAW" && messageType !== "DIGEST") {
      throw new KmsFault(
        "ValidationException",
        `1 validation error detected: Value '${String(messageType)}' at 'messageType' failed to satisfy constraint: Member must satisfy enum value set: [RAW, DIGEST, EXTERNAL_MU]`,
      );
    }
    if (messageType === "DIGEST") {
      if (algorithm !== "ECDSA_SHA_256") {
        throw new KmsFault(
          "ValidationException",
          `MessageType DIGEST is not supported with ${algorithm} in this test server`,
        );
      }
      if (message.length !== 32) {
        throw new KmsFault(
          "ValidationException",
          "Digest is invalid length for algorithm ECDSA_SHA_256.",
        );
      }
    }
    if (algorithm !== "ECDSA_SHA_256" && algorithm !== "ED25519_SHA_512") {
      throw new KmsFault(
        "ValidationException",
        `${algorithm} signing is not modelled by this test server`,
      );
    }
    return { message, digest: messageType === "DIGEST", algorithm };
  }

  #sign(body: Record<string, unknown>): unknown {
    const key = this.#resolve(body);
    this.#usable(key);
    const { message, digest, algorithm } = this.#signingInput(key, body);
    const privateKey = key.privateKey as KeyObject;
    let signature: Buffer;
    if (algorithm === "ED25519_SHA_512") {
      signature = sign(null, message, privateKey);
    } else {
      let der: Uint8Array;
      if (digest) {
        const { r, s } = signDigest(message, privateKey);
        der = encodeDerSignature(r, s);
      } else {
        der = sign("sha256", message, privateKey);
      }
      if (this.ecdsaSignatureForm === "high-s") {
        const parsed = parseDerSignature(der) as { r: bigint; s: bigint };
        if (parsed.s <= N >> 1n) der = encodeDerSignature(parsed.r, N - parsed.s);
      }
      signature = Buffer.from(der);
    }
    return { KeyId: key.arn, Signature: signature.toString("base64"), SigningAlgorithm: algorithm };
  }

  #verify(body: Record<string, unknown>): unknown {
    const key = this.#resolve(body);
    this.#usable(key);
    const { message, digest, algorithm } = this.#signingInput(key, body);
    const encoded = body["Signature"];
    if (typeof encoded !== "string") {
      throw new KmsFault(
        "ValidationException",
        "1 validation error detected: Value null at 'signature' failed to satisfy constraint: Member must not be null",
      );
    }
    const signature = Buffer.from(encoded, "base64");
    const publicKey = key.publicKey as KeyObject;
    let valid: boolean;
    try {
      if (algorithm === "ED25519_SHA_512") valid = verify(null, message, publicKey, signature);
      else if (digest) {
        const parsed = parseDerSignature(signature);
        valid = parsed !== undefined && verifyDigest(message, parsed, publicKey);
      } else valid = verify("sha256", message, publicKey, signature);
    } catch {
      valid = false;
    }
    // KMS reports a signature that does not verify as an error, not as SignatureValid: false.
    if (!valid) throw new KmsFault("KMSInvalidSignatureException", "");
    return { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: algorithm };
  }

  #getPublicKey(body: Record<string, unknown>): unknown {
    const key = this.#resolve(body);
    this.#usable(key);
    if (key.publicKey === undefined) {
      throw new KmsFault(
        "UnsupportedOperationException",
        `${key.arn} key usage is ENCRYPT_DECRYPT and key spec is SYMMETRIC_DEFAULT; GetPublicKey is not supported for symmetric keys.`,
      );
    }
    const der = key.publicKey.export({ format: "der", type: "spki" });
    return {
      KeyId: key.arn,
      PublicKey: der.toString("base64"),
      KeySpec: key.keySpec,
      CustomerMasterKeySpec: key.keySpec,
      KeyUsage: key.keyUsage,
      SigningAlgorithms: key.signingAlgorithms,
    };
  }

  #describeKey(body: Record<string, unknown>): unknown {
    const key = this.#resolve(body);
    return {
      KeyMetadata: {
        AWSAccountId: ACCOUNT,
        KeyId: key.keyId,
        Arn: key.arn,
        CreationDate: key.createdAt,
        Enabled: key.state === "Enabled",
        Description: "",
        KeyUsage: key.keyUsage,
        KeyState: key.state,
        Origin: "AWS_KMS",
        KeyManager: "CUSTOMER",
        CustomerMasterKeySpec: key.keySpec,
        KeySpec: key.keySpec,
        ...(key.keyUsage === "SIGN_VERIFY"
          ? { SigningAlgorithms: key.signingAlgorithms }
          : { EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"] }),
        MultiRegion: false,
      },
    };
  }
}

/** The public key of a test key as PEM (what an auditor would hold). */
export function publicKeyPem(key: TestKey): string {
  return (key.publicKey as KeyObject).export({ format: "pem", type: "spki" }).toString();
}

/** SHA-256 of a message (for DIGEST tests). */
export function sha256(message: Uint8Array): Buffer {
  return createHash("sha256").update(message).digest();
}
