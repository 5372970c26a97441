/**
 * KMSVerifier against the KMS-compatible test endpoint through the real KMSClient. Shows that
 * local mode fetches the public key once and then verifies with no request at all, that remote
 * mode sends Verify (RAW, or DIGEST over 4,096 bytes) and reads KMSInvalidSignatureException as
 * false, and that verify never throws: unreachable KMS, unusable keys and garbage input are all
 * `false`, with the reason on the diagnostic hook.
 */
import { LocalVerifier, ParmanaError, StoreError } from "@parmanasystems/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KMSSigner, KMSVerifier } from "../../src/index.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { startKmsFixture, type KmsFixture } from "../helpers/kms-client.js";
import { publicKeyPem } from "../helpers/kms-test-server.js";

let kms: KmsFixture;

beforeAll(async () => {
  kms = await startKmsFixture();
});

afterAll(() => kms.stop());

const payload = '{"domain":"PARMANA_ATTESTATION_V1","payload":{"n":1}}';

describe.each([
  ["ECC_NIST_P256", () => kms.p256],
  ["ECC_NIST_EDWARDS25519", () => kms.ed25519],
])("KMSVerifier, %s key", (_spec, key) => {
  it("local mode: one GetPublicKey, then no request per verification", async () => {
    const signer = new KMSSigner({ client: kms.client, keyId: key().arn });
    const signature = await signer.sign(payload);
    const verifier = new KMSVerifier({ client: kms.client, keyId: key().arn });
    const before = kms.server.requests.length;
    expect(await verifier.verify(payload, signature)).toBe(true);
    expect(await verifier.verify(`${payload} `, signature)).toBe(false);
    for (let i = 0; i < 20; i++) expect(await verifier.verify(payload, signature)).toBe(true);
    expect(kms.server.requests.slice(before).map((request) => request.operation)).toEqual([
      "GetPublicKey",
    ]);
    expect(verifier.signerKeyId).toBe(key().arn);
  });

  it("local mode agrees with LocalVerifier on flipped signature bytes", async () => {
    const signature = Buffer.from(
      await new KMSSigner({ client: kms.client, keyId: key().arn }).sign(payload),
      "base64",
    );
    const verifier = new KMSVerifier({ client: kms.client, keyId: key().arn });
    const local = new LocalVerifier(publicKeyPem(key()));
    for (let i = 0; i < signature.length; i += 7) {
      const flipped = Buffer.from(signature);
      flipped[i] = (flipped[i] as number) ^ 0x01;
      const text = flipped.toString("base64");
      expect(await verifier.verify(payload, text)).toBe(local.verify(payload, text));
      expect(await verifier.verify(payload, text)).toBe(false);
    }
  });

  it("remote mode: Verify per call; a bad signature (KMSInvalidSignatureException) is false, not a diagnostic", async () => {
    const signature = await new KMSSigner({ client: kms.client, keyId: key().arn }).sign(payload);
    const diagnostics: ParmanaError[] = [];
    const verifier = new KMSVerifier({
      client: kms.client,
      keyId: key().arn,
      mode: "remote",
      onDiagnostic: (e) => diagnostics.push(e),
    });
    const verifies = kms.server.count("Verify");
    expect(await verifier.verify(payload, signature)).toBe(true);
    expect(await verifier.verify("another payload", signature)).toBe(false);
    expect(kms.server.count("Verify")).toBe(verifies + 2);
    expect(diagnostics).toEqual([]);
  });
});

describe("KMSVerifier", () => {
  it("remote mode verifies an ECDSA signature over more than 4,096 bytes as DIGEST", async () => {
    const large = "q".repeat(5000);
    const signature = await new KMSSigner({ client: kms.client, keyId: kms.p256.arn }).sign(large);
    const verifier = new KMSVerifier({ client: kms.client, keyId: kms.p256.arn, mode: "remote" });
    const before = kms.server.requests.length;
    expect(await verifier.verify(large, signature)).toBe(true);
    expect(
      kms.server.requests.slice(before).find((r) => r.operation === "Verify")?.body["MessageType"],
    ).toBe("DIGEST");
  });

  it("remote mode: an Ed25519 message over 4,096 bytes is false with SIG-008 on the hook, nothing sent", async () => {
    const diagnostics: ParmanaError[] = [];
    const verifier = new KMSVerifier({
      client: kms.client,
      keyId: kms.ed25519.arn,
      mode: "remote",
      onDiagnostic: (e) => diagnostics.push(e),
    });
    await verifier.ready();
    const verifies = kms.server.count("Verify");
    expect(await verifier.verify("w".repeat(4097), Buffer.alloc(64, 1).toString("base64"))).toBe(
      false,
    );
    expect(kms.server.count("Verify")).toBe(verifies);
    expect(diagnostics.map((e) => e.code)).toEqual(["SIG-008"]);
  });

  it("remote mode: KMS failing is false with SIG-010 on the hook; a throwing hook changes nothing", async () => {
    const signature = await new KMSSigner({ client: kms.client, keyId: kms.p256.arn }).sign(
      payload,
    );
    const diagnostics: ParmanaError[] = [];
    const verifier = new KMSVerifier({
      client: kms.client,
      keyId: kms.p256.arn,
      mode: "remote",
      onDiagnostic: (e) => diagnostics.push(e),
    });
    await verifier.ready();
    kms.server.failNext("Verify", "KMSInternalException", 500, 1);
    expect(await verifier.verify(payload, signature)).toBe(false);
    expect(diagnostics.map((e) => e.code)).toEqual(["SIG-010"]);
    expect(diagnostics[0]?.message).toMatch(/KMSInternalException \(HTTP 500\)/);
    const throwing = new KMSVerifier({
      client: kms.client,
      keyId: kms.p256.arn,
      mode: "remote",
      onDiagnostic: () => {
        throw new Error("hook failed");
      },
    });
    kms.server.failNext("Verify", "KMSInternalException", 500, 1);
    expect(await throwing.verify(payload, signature)).toBe(false);
  });

  it("returns false (SIG-009 on the hook) while the key cannot be read, and recovers once it can", async () => {
    const key = kms.server.createKey("ECC_NIST_P256");
    const signature = await new KMSSigner({ client: kms.client, keyId: key.arn }).sign(payload);
    key.state = "Disabled";
    const diagnostics: ParmanaError[] = [];
    const verifier = new KMSVerifier({
      client: kms.client,
      keyId: key.arn,
      onDiagnostic: (e) => diagnostics.push(e),
    });
    expect(await verifier.verify(payload, signature)).toBe(false);
    expect(diagnostics.map((e) => e.code)).toEqual(["SIG-009"]);
    key.state = "Enabled";
    expect(await verifier.verify(payload, signature)).toBe(true);
  });

  it("never throws: non-strings, malformed base64, empty signatures, a closed verifier are false", async () => {
    const verifier = new KMSVerifier({ client: kms.client, keyId: kms.p256.arn });
    const remote = new KMSVerifier({ client: kms.client, keyId: kms.p256.arn, mode: "remote" });
    for (const candidate of [verifier, remote]) {
      expect(await candidate.verify(undefined as never, "AAAA")).toBe(false);
      expect(await candidate.verify(payload, 7 as never)).toBe(false);
      expect(await candidate.verify(payload, "not base64!")).toBe(false);
      expect(await candidate.verify(payload, "")).toBe(false);
      expect(await candidate.verify(payload, "AAAA")).toBe(false);
    }
    verifier.close();
    expect(await verifier.verify(payload, "AAAA")).toBe(false);
  });

  it("refuses a symmetric key (SIG-007) on ready(), and unknown options / bad mode with STORE-001", async () => {
    const symmetric = kms.server.createKey("SYMMETRIC_DEFAULT");
    await expectRejectsParmanaError(
      new KMSVerifier({ client: kms.client, keyId: symmetric.arn }).ready(),
      "SIG-007",
      ParmanaError,
    );
    await expectRejectsParmanaError(
      () => new KMSVerifier({ client: kms.client, keyId: kms.p256.arn, mode: "online" as never }),
      "STORE-001",
      StoreError,
      /mode/,
    );
    await expectRejectsParmanaError(
      () => new KMSVerifier({ client: kms.client, keyId: kms.p256.arn, cache: true } as never),
      "STORE-001",
      StoreError,
      /"cache"/,
    );
    await expectRejectsParmanaError(
      () => new KMSVerifier({ client: kms.client, keyId: kms.p256.arn, onDiagnostic: 1 as never }),
      "STORE-001",
      StoreError,
    );
  });

  it("exportPublicKeyPem builds a LocalVerifier that checks the KMS signer's signatures offline", async () => {
    const pem = await new KMSVerifier({
      client: kms.client,
      keyId: kms.ed25519.arn,
    }).exportPublicKeyPem();
    const signature = await new KMSSigner({ client: kms.client, keyId: kms.ed25519.arn }).sign(
      payload,
    );
    expect(new LocalVerifier(pem).verify(payload, signature)).toBe(true);
  });
});
