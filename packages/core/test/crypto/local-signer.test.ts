// LocalSigner: Ed25519 (deterministic, RFC 8032) and ECDSA P-256/SHA-256 (DER, as KMS returns)
// with an in-memory private key. Expected signatures come from node:crypto called directly.
import {
  createPrivateKey,
  createSecretKey,
  generateKeyPairSync,
  sign as rawSign,
  verify as rawVerify,
} from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  LocalSigner,
  LocalVerifier,
  SignatureError,
  deriveKeyId,
  generateKeyPair,
  generateP256KeyPair,
} from "@parmanasystems/core";
import { decodeBase64Strict } from "@parmanasystems/core/internal";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const pair = generateKeyPair();
const payload = '{"domain":"PARMANA_ATTESTATION_V1","payload":{"decision":"approve"}}';

describe("LocalSigner with an Ed25519 key", () => {
  it.each([
    ["PEM PKCS#8 text", pair.privateKeyPem],
    ["a private KeyObject", pair.privateKey],
  ])("accepts %s", (_label, key) => {
    const signer = new LocalSigner(key);
    expect(signer.algorithm).toBe("ed25519");
    expect(signer.keyId).toBe(pair.keyId);
    expect(signer.publicKeyPem).toBe(pair.publicKeyPem);
  });

  it("signs the UTF-8 bytes of the payload exactly as crypto.sign(null, ...) does", () => {
    const signature = new LocalSigner(pair.privateKeyPem).sign(payload);
    expect(signature).toBe(
      rawSign(null, Buffer.from(payload, "utf8"), pair.privateKey).toString("base64"),
    );
  });

  it("returns canonical padded base64 of 64 bytes, the same every time", () => {
    const signer = new LocalSigner(pair.privateKeyPem);
    const signature = signer.sign(payload);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(decodeBase64Strict(signature)).toHaveLength(64);
    expect(signer.sign(payload)).toBe(signature);
  });

  it("signs non-ASCII text as UTF-8: sign(text) === signBytes(utf8(text))", () => {
    const signer = new LocalSigner(pair.privateKeyPem);
    const text = "Aarav Sharma (आरव शर्मा) €5 \u{1F600}";
    expect(signer.sign(text)).toBe(signer.signBytes(new TextEncoder().encode(text)));
    expect(signer.sign("é")).toBe(signer.signBytes(Uint8Array.of(0xc3, 0xa9)));
  });

  it("reports an explicit keyId when given one", () => {
    expect(new LocalSigner(pair.privateKeyPem, { keyId: "issuer-2026-01" }).keyId).toBe(
      "issuer-2026-01",
    );
  });

  it("keeps key material out of JSON and inspection", () => {
    const signer = new LocalSigner(pair.privateKeyPem);
    expect(JSON.parse(JSON.stringify(signer))).toEqual({ keyId: pair.keyId, algorithm: "ed25519" });
    const secretBase64 = Buffer.from(pair.privateKeyRaw).toString("base64");
    for (const text of [JSON.stringify(signer), inspect(signer, { depth: 5, showHidden: true })]) {
      expect(text).not.toContain("PRIVATE KEY");
      expect(text).not.toContain(secretBase64);
    }
  });
});

describe("LocalSigner with an ECDSA P-256 key", () => {
  const p256 = generateP256KeyPair();

  it("signs DER ECDSA/SHA-256 that node:crypto and LocalVerifier accept", () => {
    const signer = new LocalSigner(p256.privateKeyPem);
    expect(signer.algorithm).toBe("ecdsa-p256-sha256");
    expect(signer.keyId).toBe(p256.keyId);
    expect(signer.keyId).toMatch(/^p256-[0-9a-f]{32}$/);
    const signature = signer.sign(payload);
    const der = Buffer.from(signature, "base64");
    expect(der[0]).toBe(0x30); // ASN.1 SEQUENCE of r and s
    expect(rawVerify("sha256", Buffer.from(payload, "utf8"), p256.publicKey, der)).toBe(true);
    expect(new LocalVerifier(p256.publicKeyPem).verify(payload, signature)).toBe(true);
  });
});

describe("LocalSigner rejects bad keys and arguments", () => {
  it.each([
    ["a garbage string", "not a key"],
    ["a PEM with a broken body", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"],
    ["a truncated PEM", pair.privateKeyPem.slice(0, 60)],
    [
      "an encrypted PKCS#8 PEM without passphrase",
      generateKeyPairSync("ed25519", {
        privateKeyEncoding: {
          type: "pkcs8",
          format: "pem",
          cipher: "aes-256-cbc",
          passphrase: "pw",
        },
        publicKeyEncoding: { type: "spki", format: "pem" },
      }).privateKey,
    ],
    ["a number", 42],
    ["null", null],
    ["raw seed bytes (use ed25519PrivateKeyFromRaw)", pair.privateKeyRaw],
  ])("malformed key: %s → SIG-001", (_label, key) => {
    expectParmanaError(() => new LocalSigner(key as string), "SIG-001", SignatureError);
  });

  it.each([
    ["RSA", () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey, /rsa/],
    [
      "ECDSA P-384",
      () => generateKeyPairSync("ec", { namedCurve: "secp384r1" }).privateKey,
      /secp384r1/,
    ],
    ["X25519", () => generateKeyPairSync("x25519").privateKey, /x25519/],
  ])("unsupported %s key → SIG-002", (_label, make, detail) => {
    const key = make();
    expectParmanaError(() => new LocalSigner(key), "SIG-002", SignatureError, detail);
    expectParmanaError(
      () => new LocalSigner(key.export({ format: "pem", type: "pkcs8" }).toString()),
      "SIG-002",
      SignatureError,
    );
  });

  it.each([
    ["a PEM SPKI public key", pair.publicKeyPem],
    ["a public KeyObject", pair.publicKey],
    ["a secret KeyObject", createSecretKey(Buffer.alloc(32, 1))],
  ])("wrong kind: %s → SIG-003", (_label, key) => {
    expectParmanaError(
      () => new LocalSigner(key),
      "SIG-003",
      SignatureError,
      /where a private key is needed/,
    );
  });

  it.each([
    ["a number", 1],
    ["undefined", undefined],
    ["an object", { payload: "x" }],
    ["bytes", Buffer.from("x")],
  ])("sign() with %s → SIG-004", (_label, value) => {
    expectParmanaError(
      () => new LocalSigner(pair.privateKeyPem).sign(value as unknown as string),
      "SIG-004",
      SignatureError,
      /must be a string/,
    );
  });

  it("signBytes() with a string → SIG-004", () => {
    expectParmanaError(
      () => new LocalSigner(pair.privateKeyPem).signBytes("x" as unknown as Uint8Array),
      "SIG-004",
      SignatureError,
    );
  });

  it("derives the same keyId from the private key as from its public half", () => {
    expect(new LocalSigner(createPrivateKey(pair.privateKeyPem)).keyId).toBe(
      deriveKeyId(pair.publicKeyPem),
    );
  });
});
