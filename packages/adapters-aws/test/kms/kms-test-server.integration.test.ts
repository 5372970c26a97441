/**
 * The KMS test endpoint itself, driven by the real KMSClient: it must answer the way the AWS KMS
 * API reference says KMS answers, or the adapter tests prove nothing. Each documented error type
 * arrives at the SDK as that type, and responses decode into the SDK's output shapes.
 */
import {
  DescribeKeyCommand,
  GetPublicKeyCommand,
  KMSInvalidSignatureException,
  NotFoundException,
  SignCommand,
  VerifyCommand,
} from "@aws-sdk/client-kms";
import { createPublicKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKmsFixture, type KmsFixture } from "../helpers/kms-client.js";
import { publicKeyPem, sha256 } from "../helpers/kms-test-server.js";

let kms: KmsFixture;

beforeAll(async () => {
  kms = await startKmsFixture("alias/test");
});

afterAll(() => kms.stop());

async function errorOf(
  promise: Promise<unknown>,
): Promise<{ name: string; status: number | undefined; error: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, error };
  }
  throw new Error("expected a failure");
}

describe("KMS test endpoint (JSON 1.1 over HTTP, real KMSClient)", () => {
  it("GetPublicKey returns the key ARN, DER SPKI, key spec, usage and signing algorithms", async () => {
    const answer = await kms.client.send(new GetPublicKeyCommand({ KeyId: "alias/test-p256" }));
    expect(answer.KeyId).toBe(kms.p256.arn);
    expect(answer.KeySpec).toBe("ECC_NIST_P256");
    expect(answer.KeyUsage).toBe("SIGN_VERIFY");
    expect(answer.SigningAlgorithms).toEqual(["ECDSA_SHA_256"]);
    const pem = createPublicKey({
      key: Buffer.from(answer.PublicKey as Uint8Array),
      format: "der",
      type: "spki",
    })
      .export({ format: "pem", type: "spki" })
      .toString();
    expect(pem).toBe(publicKeyPem(kms.p256));
  });

  it("DescribeKey returns KeyMetadata with a Date CreationDate (epoch seconds on the wire)", async () => {
    const { KeyMetadata } = await kms.client.send(
      new DescribeKeyCommand({ KeyId: kms.p256.keyId }),
    );
    expect(KeyMetadata).toMatchObject({
      Arn: kms.p256.arn,
      KeyId: kms.p256.keyId,
      KeyState: "Enabled",
      KeySpec: "ECC_NIST_P256",
      Enabled: true,
    });
    expect(KeyMetadata?.CreationDate).toBeInstanceOf(Date);
  });

  it("a 4,097-byte RAW message is a ValidationException (HTTP 400)", async () => {
    const { name, status } = await errorOf(
      kms.client.send(
        new SignCommand({
          KeyId: kms.p256.arn,
          Message: Buffer.alloc(4097, 1),
          MessageType: "RAW",
          SigningAlgorithm: "ECDSA_SHA_256",
        }),
      ),
    );
    expect([name, status]).toEqual(["ValidationException", 400]);
  });

  it("a DIGEST of the wrong length is a ValidationException; a 32-byte digest signs", async () => {
    const { name } = await errorOf(
      kms.client.send(
        new SignCommand({
          KeyId: kms.p256.arn,
          Message: Buffer.alloc(31),
          MessageType: "DIGEST",
          SigningAlgorithm: "ECDSA_SHA_256",
        }),
      ),
    );
    expect(name).toBe("ValidationException");
    const message = Buffer.from("hello");
    const signed = await kms.client.send(
      new SignCommand({
        KeyId: kms.p256.arn,
        Message: sha256(message),
        MessageType: "DIGEST",
        SigningAlgorithm: "ECDSA_SHA_256",
      }),
    );
    const verified = await kms.client.send(
      new VerifyCommand({
        KeyId: kms.p256.arn,
        Message: message,
        MessageType: "RAW",
        Signature: signed.Signature,
        SigningAlgorithm: "ECDSA_SHA_256",
      }),
    );
    expect(verified.SignatureValid).toBe(true);
  });

  it("a signature that does not verify is KMSInvalidSignatureException, the SDK's modelled class", async () => {
    const { error } = await errorOf(
      kms.client.send(
        new VerifyCommand({
          KeyId: kms.p256.arn,
          Message: Buffer.from("m"),
          Signature: Buffer.alloc(70, 1),
          SigningAlgorithm: "ECDSA_SHA_256",
        }),
      ),
    );
    expect(error).toBeInstanceOf(KMSInvalidSignatureException);
  });

  it("unknown keys are NotFoundException; disabled keys DisabledException; the wrong algorithm InvalidKeyUsageException", async () => {
    const { error } = await errorOf(
      kms.client.send(new GetPublicKeyCommand({ KeyId: "alias/none" })),
    );
    expect(error).toBeInstanceOf(NotFoundException);
    const disabled = kms.server.createKey("ECC_NIST_EDWARDS25519");
    disabled.state = "Disabled";
    expect(
      (await errorOf(kms.client.send(new GetPublicKeyCommand({ KeyId: disabled.arn })))).name,
    ).toBe("DisabledException");
    const wrong = await errorOf(
      kms.client.send(
        new SignCommand({
          KeyId: kms.p256.arn,
          Message: Buffer.from("m"),
          SigningAlgorithm: "ED25519_SHA_512",
        }),
      ),
    );
    expect(wrong.name).toBe("InvalidKeyUsageException");
    const digestEd = await errorOf(
      kms.client.send(
        new SignCommand({
          KeyId: kms.server.createKey("ECC_NIST_EDWARDS25519").arn,
          Message: Buffer.alloc(64),
          MessageType: "DIGEST",
          SigningAlgorithm: "ED25519_SHA_512",
        }),
      ),
    );
    expect(digestEd.name).toBe("ValidationException");
  });
});
