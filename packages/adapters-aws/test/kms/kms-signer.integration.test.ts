/**
 * KMSSigner against a KMS-compatible HTTP endpoint (test/helpers/kms-test-server.ts) through the
 * real KMSClient: what unit tests cannot show is that the requests the SDK builds from our
 * commands (key ARN, RAW vs DIGEST, signing algorithm) are the ones KMS expects, that the
 * signatures that come back verify with core's LocalVerifier, and that every KMS error type
 * becomes the right coded error without the key id in it.
 */
import { createHash } from "node:crypto";
import { LocalVerifier, SignatureError, StoreError } from "@parmanasystems/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KMSSigner } from "../../src/index.js";
import { isHighS } from "../../src/kms/ecdsa-signature.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { everythingShown } from "../helpers/everything-shown.js";
import {
  kmsClient,
  startKmsFixture,
  type KmsFixture,
  TEST_CREDENTIALS,
} from "../helpers/kms-client.js";
import { publicKeyPem } from "../helpers/kms-test-server.js";

let kms: KmsFixture;

beforeAll(async () => {
  kms = await startKmsFixture("alias/parmana");
});

afterAll(() => kms.stop());

const payload = JSON.stringify({
  domain: "PARMANA_ATTESTATION_V1",
  payload: { executionId: "x-1" },
});

describe("KMSSigner with an ECC_NIST_P256 key", () => {
  it("signs with ECDSA_SHA_256 over the RAW message; the DER signature verifies with LocalVerifier", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: kms.p256.arn });
    const before = kms.server.requests.length;
    const signature = await signer.sign(payload);
    const sent = kms.server.requests.slice(before);
    expect(sent.map((request) => request.operation)).toEqual(["GetPublicKey", "Sign"]);
    expect(sent[1]?.body).toMatchObject({
      KeyId: kms.p256.arn,
      MessageType: "RAW",
      SigningAlgorithm: "ECDSA_SHA_256",
    });
    expect(Buffer.from(String(sent[1]?.body["Message"]), "base64").toString("utf8")).toBe(payload);
    expect(new LocalVerifier(publicKeyPem(kms.p256)).verify(payload, signature)).toBe(true);
    expect(signer.algorithm).toBe("ecdsa-p256-sha256");
    expect(signer.signerKeyId).toBe(kms.p256.arn);
  });

  it("reads the key spec once: further signatures send only Sign", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: "alias/parmana-p256" });
    await Promise.all([signer.sign("a"), signer.sign("b"), signer.sign("c")]);
    const before = kms.server.requests.length;
    await signer.sign("d");
    await signer.sign("e");
    expect(kms.server.requests.slice(before).map((request) => request.operation)).toEqual([
      "Sign",
      "Sign",
    ]);
  });

  it("resolves an alias to the key ARN, which becomes signerKeyId and the KeyId of every Sign", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: "alias/parmana-p256" });
    expect(signer.signerKeyId).toBeUndefined();
    await signer.ready();
    expect(signer.signerKeyId).toBe(kms.p256.arn);
    const before = kms.server.requests.length;
    await signer.sign(payload);
    expect(kms.server.requests[before]?.body["KeyId"]).toBe(kms.p256.arn);
  });

  it("knows signerKeyId from the start when given a key ARN (no request)", () => {
    const before = kms.server.requests.length;
    const signer = new KMSSigner({ client: kms.client, keyId: kms.p256.arn });
    expect(signer.signerKeyId).toBe(kms.p256.arn);
    expect(kms.server.requests.length).toBe(before);
  });

  it("returns low-S signatures even when KMS answers with the high-S form", async () => {
    kms.server.ecdsaSignatureForm = "high-s";
    try {
      const signer = new KMSSigner({ client: kms.client, keyId: kms.p256.arn });
      const before = kms.server.requests.length;
      for (let i = 0; i < 8; i++) {
        const signature = Buffer.from(await signer.sign(`${payload}${i}`), "base64");
        expect(isHighS(signature)).toBe(false);
        expect(
          new LocalVerifier(publicKeyPem(kms.p256)).verify(
            `${payload}${i}`,
            signature.toString("base64"),
          ),
        ).toBe(true);
      }
      expect(kms.server.count("Sign")).toBeGreaterThanOrEqual(8);
      expect(kms.server.requests.length).toBeGreaterThan(before);
    } finally {
      kms.server.ecdsaSignatureForm = "as-is";
    }
  });

  it("signs a message over 4,096 bytes as MessageType DIGEST over its SHA-256; it verifies over the raw message", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: kms.p256.arn });
    const large = "x".repeat(4097);
    const before = kms.server.requests.length;
    const signature = await signer.sign(large);
    const sent = kms.server.requests.slice(before).find((request) => request.operation === "Sign");
    expect(sent?.body["MessageType"]).toBe("DIGEST");
    expect(sent?.body["Message"]).toBe(createHash("sha256").update(large).digest("base64"));
    expect(new LocalVerifier(publicKeyPem(kms.p256)).verify(large, signature)).toBe(true);
  });

  it("signs exactly 4,096 bytes as RAW", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: kms.p256.arn });
    const before = kms.server.requests.length;
    const signature = await signer.sign("y".repeat(4096));
    expect(
      kms.server.requests.slice(before).find((r) => r.operation === "Sign")?.body["MessageType"],
    ).toBe("RAW");
    expect(new LocalVerifier(publicKeyPem(kms.p256)).verify("y".repeat(4096), signature)).toBe(
      true,
    );
  });
});

describe("KMSSigner with an ECC_NIST_EDWARDS25519 key", () => {
  it("signs with ED25519_SHA_512 over the RAW message: 64 bytes that LocalVerifier accepts", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: "alias/parmana-ed25519" });
    const before = kms.server.requests.length;
    const signature = await signer.sign(payload);
    const sign = kms.server.requests.slice(before).find((request) => request.operation === "Sign");
    expect(sign?.body).toMatchObject({
      KeyId: kms.ed25519.arn,
      MessageType: "RAW",
      SigningAlgorithm: "ED25519_SHA_512",
    });
    expect(Buffer.from(signature, "base64")).toHaveLength(64);
    expect(new LocalVerifier(publicKeyPem(kms.ed25519)).verify(payload, signature)).toBe(true);
    expect(signer.algorithm).toBe("ed25519");
  });

  it("refuses a message over 4,096 bytes with SIG-008 before sending Sign", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: kms.ed25519.arn });
    await signer.ready();
    const signs = kms.server.count("Sign");
    const error = await expectRejectsParmanaError(
      signer.sign("z".repeat(4097)),
      "SIG-008",
      SignatureError,
      /4097 bytes/,
    );
    expect(error.details).toEqual({ bytes: 4097, limit: 4096 });
    expect(kms.server.count("Sign")).toBe(signs);
  });

  it("counts bytes, not characters: 2,049 two-byte characters are over the limit", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: kms.ed25519.arn });
    await expectRejectsParmanaError(signer.sign("é".repeat(2049)), "SIG-008", SignatureError);
  });
});

describe("KMSSigner refusals", () => {
  it("refuses a symmetric key (UnsupportedOperationException) with SIG-007", async () => {
    const key = kms.server.createKey("SYMMETRIC_DEFAULT");
    await expectRejectsParmanaError(
      new KMSSigner({ client: kms.client, keyId: key.arn }).sign(payload),
      "SIG-007",
      SignatureError,
    );
  });

  it("refuses an RSA signing key with SIG-007, naming the spec", async () => {
    const key = kms.server.createKey("RSA_2048");
    const signs = kms.server.count("Sign");
    await expectRejectsParmanaError(
      new KMSSigner({ client: kms.client, keyId: key.arn }).sign(payload),
      "SIG-007",
      SignatureError,
      /RSA_2048 is not supported/,
    );
    expect(kms.server.count("Sign")).toBe(signs);
  });

  it("maps NotFoundException, DisabledException and KMSInvalidStateException to SIG-009 without the key id", async () => {
    const missing = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000";
    const notFound = await expectRejectsParmanaError(
      new KMSSigner({ client: kms.client, keyId: missing }).sign(payload),
      "SIG-009",
      SignatureError,
      /NotFoundException \(HTTP 400\)/,
    );
    expect(notFound.retryable).toBe(false);
    expect(everythingShown(notFound)).not.toContain("00000000-0000-0000-0000-000000000000");

    const disabled = kms.server.createKey("ECC_NIST_P256");
    disabled.state = "Disabled";
    const error = await expectRejectsParmanaError(
      new KMSSigner({ client: kms.client, keyId: disabled.arn }).sign(payload),
      "SIG-009",
      SignatureError,
      /DisabledException/,
    );
    expect(everythingShown(error)).not.toContain(disabled.keyId);

    const deleting = kms.server.createKey("ECC_NIST_EDWARDS25519");
    deleting.state = "PendingDeletion";
    await expectRejectsParmanaError(
      new KMSSigner({ client: kms.client, keyId: deleting.arn }).sign(payload),
      "SIG-009",
      SignatureError,
      /KMSInvalidStateException/,
    );
  });

  it("maps a key disabled after start-up to SIG-005 on Sign, without the key id or credentials", async () => {
    const key = kms.server.createKey("ECC_NIST_P256");
    const signer = new KMSSigner({ client: kms.client, keyId: key.arn });
    await signer.ready();
    key.state = "Disabled";
    const error = await expectRejectsParmanaError(
      signer.sign(payload),
      "SIG-005",
      SignatureError,
      /Sign answered DisabledException \(HTTP 400\)/,
    );
    expect(error.details).toMatchObject({
      operation: "Sign",
      providerError: "DisabledException",
      httpStatusCode: 400,
    });
    const shown = everythingShown(error);
    expect(shown).not.toContain(key.keyId);
    expect(shown).not.toContain(TEST_CREDENTIALS.accessKeyId);
    expect(shown).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  });

  it("marks throttling that outlasts the SDK's retries as retryable SIG-005", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: kms.p256.arn });
    await signer.ready();
    kms.server.failNext("Sign", "ThrottlingException", 400, 1);
    const error = await expectRejectsParmanaError(
      signer.sign(payload),
      "SIG-005",
      SignatureError,
      /ThrottlingException/,
    );
    expect(error.retryable).toBe(true);
  });

  it("lets the SDK retry a KMSInternalException (server fault) and succeeds", async () => {
    const retrying = kmsClient(kms.server.endpoint, { maxAttempts: 3 });
    try {
      const signer = new KMSSigner({ client: retrying, keyId: kms.p256.arn });
      await signer.ready();
      kms.server.failNext("Sign", "KMSInternalException", 500, 1);
      const signature = await signer.sign(payload);
      expect(new LocalVerifier(publicKeyPem(kms.p256)).verify(payload, signature)).toBe(true);
    } finally {
      retrying.destroy();
    }
  });

  it("maps refused credentials to SIG-011", async () => {
    kms.server.failNext("GetPublicKey", "UnrecognizedClientException", 400, 1);
    await expectRejectsParmanaError(
      new KMSSigner({ client: kms.client, keyId: kms.p256.arn }).sign(payload),
      "SIG-011",
      SignatureError,
      /refused the credentials/,
    );
  });

  it("fails closed with a retryable SIG-005 when KMS does not answer within operationTimeoutMs", async () => {
    const signer = new KMSSigner({
      client: kms.client,
      keyId: kms.p256.arn,
      operationTimeoutMs: 200,
    });
    await signer.ready();
    kms.server.delayMs = 2_000;
    try {
      const started = Date.now();
      const error = await expectRejectsParmanaError(
        signer.sign(payload),
        "SIG-005",
        SignatureError,
        /DeadlineExceeded/,
      );
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(error.retryable).toBe(true);
    } finally {
      kms.server.delayMs = 0;
    }
  });

  it("refuses a non-string payload with SIG-004 and sends nothing", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: kms.p256.arn });
    const before = kms.server.requests.length;
    await expectRejectsParmanaError(
      signer.sign(42 as unknown as string),
      "SIG-004",
      SignatureError,
    );
    expect(kms.server.requests.length).toBe(before);
  });

  it("refuses unknown options, a bad key id and client with region (STORE-001)", async () => {
    await expectRejectsParmanaError(
      () => new KMSSigner({ client: kms.client, keyId: kms.p256.arn, keyID: "x" } as never),
      "STORE-001",
      StoreError,
      /"keyID"/,
    );
    await expectRejectsParmanaError(() => new KMSSigner(""), "STORE-001", StoreError);
    await expectRejectsParmanaError(
      () => new KMSSigner({ client: kms.client, keyId: kms.p256.arn, region: "eu-west-1" }),
      "STORE-001",
      StoreError,
      /not both/,
    );
    await expectRejectsParmanaError(
      () => new KMSSigner({ client: {} as never, keyId: kms.p256.arn }),
      "STORE-001",
      StoreError,
      /KMSClient/,
    );
    await expectRejectsParmanaError(
      () => new KMSSigner({ client: kms.client, keyId: kms.p256.arn, operationTimeoutMs: 0 }),
      "STORE-001",
      StoreError,
      /operationTimeoutMs must be a positive whole number of milliseconds, got number 0$/,
    );
    await expectRejectsParmanaError(
      () => new KMSSigner({ client: kms.client, keyId: " " }),
      "STORE-001",
      StoreError,
      /keyId as a non-empty string, got string " "$/,
    );
  });

  it("exports the public key as the PEM KMS holds; close() leaves a caller's client open", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: kms.ed25519.arn });
    expect(await signer.exportPublicKeyPem()).toBe(publicKeyPem(kms.ed25519));
    signer.close();
    await expectRejectsParmanaError(signer.sign(payload), "STORE-005", StoreError);
    // The caller's client still works.
    const other = new KMSSigner({ client: kms.client, keyId: kms.ed25519.arn });
    expect(await other.sign(payload)).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it("the documented positional form creates its own client for the region and signs", async () => {
    const previous = { ...process.env };
    process.env["AWS_ENDPOINT_URL_KMS"] = kms.server.endpoint;
    process.env["AWS_ACCESS_KEY_ID"] = TEST_CREDENTIALS.accessKeyId;
    process.env["AWS_SECRET_ACCESS_KEY"] = TEST_CREDENTIALS.secretAccessKey;
    try {
      const signer = new KMSSigner(kms.p256.arn);
      const signature = await signer.sign(payload);
      expect(new LocalVerifier(publicKeyPem(kms.p256)).verify(payload, signature)).toBe(true);
      const authorization = kms.server.requests.at(-1)?.authorization ?? "";
      expect(authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDTESTONLY\/\d{8}\/us-east-1\/kms\/aws4_request/,
      );
      signer.close();
    } finally {
      process.env = previous;
    }
  });
});
