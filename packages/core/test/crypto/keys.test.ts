// Key generation, the forms keys travel in (PEM PKCS#8/SPKI, raw RFC 8032 bytes, KeyObjects),
// and deriveKeyId, whose definition (algorithm + first 16 bytes of SHA-256 over the SPKI DER) is
// recomputed here with node:crypto directly.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  LocalSigner,
  LocalVerifier,
  SignatureError,
  deriveKeyId,
  ed25519PrivateKeyFromRaw,
  exportEd25519PublicKeyRaw,
  exportPublicKeyPem,
  generateKeyPair,
  generateP256KeyPair,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

/** RFC 8410 §4: the SPKI DER of an Ed25519 key is this 12-byte prefix and the 32 raw bytes. */
const ED25519_SPKI_PREFIX = "302a300506032b6570032100";

function expectedKeyId(prefix: string, spkiDer: Buffer): string {
  return `${prefix}-${createHash("sha256").update(spkiDer).digest("hex").slice(0, 32)}`;
}

describe("generateKeyPair", () => {
  const pair = generateKeyPair();

  it("returns PEM PKCS#8 and SPKI text", () => {
    expect(pair.privateKeyPem).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/,
    );
    expect(pair.publicKeyPem).toMatch(
      /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/,
    );
  });

  it("returns the 32-byte RFC 8032 seed and public key, consistent with the PEM forms", () => {
    expect(pair.privateKeyRaw).toBeInstanceOf(Uint8Array);
    expect(pair.privateKeyRaw).toHaveLength(32);
    expect(pair.publicKeyRaw).toHaveLength(32);
    const spki = createPublicKey(pair.publicKeyPem).export({ format: "der", type: "spki" });
    expect(spki.toString("hex")).toBe(
      ED25519_SPKI_PREFIX + Buffer.from(pair.publicKeyRaw).toString("hex"),
    );
    const jwk = createPrivateKey(pair.privateKeyPem).export({ format: "jwk" });
    expect(Buffer.from(String(jwk.d), "base64url").equals(Buffer.from(pair.privateKeyRaw))).toBe(
      true,
    );
  });

  it("returns KeyObjects of the right kinds", () => {
    expect(pair.privateKey.type).toBe("private");
    expect(pair.publicKey.type).toBe("public");
    expect(pair.privateKey.asymmetricKeyType).toBe("ed25519");
  });

  it("makes a different key every time", () => {
    const ids = new Set(Array.from({ length: 20 }, () => generateKeyPair().keyId));
    expect(ids.size).toBe(20);
  });
});

describe("key forms round-trip", () => {
  const pair = generateKeyPair();
  const message = "round trip";

  it("PEM → KeyObject → PEM gives the same text", () => {
    expect(
      createPrivateKey(pair.privateKeyPem).export({ format: "pem", type: "pkcs8" }).toString(),
    ).toBe(pair.privateKeyPem);
    expect(exportPublicKeyPem(pair.publicKeyPem)).toBe(pair.publicKeyPem);
    expect(exportPublicKeyPem(pair.publicKey)).toBe(pair.publicKeyPem);
    expect(exportPublicKeyPem(pair.privateKey)).toBe(pair.publicKeyPem);
    expect(exportPublicKeyPem(pair.publicKeyRaw)).toBe(pair.publicKeyPem);
  });

  it("raw public key ↔ PEM", () => {
    expect(exportEd25519PublicKeyRaw(pair.publicKeyPem)).toEqual(pair.publicKeyRaw);
    expect(exportEd25519PublicKeyRaw(pair.privateKey)).toEqual(pair.publicKeyRaw);
  });

  it("the raw seed gives a signer that signs exactly as the PEM key does", () => {
    const fromSeed = new LocalSigner(ed25519PrivateKeyFromRaw(pair.privateKeyRaw));
    const fromPem = new LocalSigner(pair.privateKeyPem);
    expect(fromSeed.publicKeyPem).toBe(pair.publicKeyPem);
    expect(fromSeed.sign(message)).toBe(fromPem.sign(message));
  });

  it("a signature made with any private form verifies with any public form", () => {
    const privateForms = [
      pair.privateKeyPem,
      pair.privateKey,
      ed25519PrivateKeyFromRaw(pair.privateKeyRaw),
    ];
    const publicForms = [
      pair.publicKeyPem,
      pair.publicKey,
      pair.publicKeyRaw,
      exportPublicKeyPem(pair.privateKey),
    ];
    for (const privateForm of privateForms) {
      const signature = new LocalSigner(privateForm).sign(message);
      for (const publicForm of publicForms)
        expect(new LocalVerifier(publicForm).verify(message, signature)).toBe(true);
    }
  });
});

describe("deriveKeyId", () => {
  const pair = generateKeyPair();

  it("is ed25519- plus the first 32 hex characters of SHA-256 over the SPKI DER", () => {
    const spki = Buffer.from(
      ED25519_SPKI_PREFIX + Buffer.from(pair.publicKeyRaw).toString("hex"),
      "hex",
    );
    expect(deriveKeyId(pair.publicKeyPem)).toBe(expectedKeyId("ed25519", spki));
    expect(pair.keyId).toMatch(/^ed25519-[0-9a-f]{32}$/);
  });

  it("is the same for every form of the same key", () => {
    const ids = [
      pair.keyId,
      deriveKeyId(pair.publicKeyPem),
      deriveKeyId(pair.publicKey),
      deriveKeyId(pair.privateKey),
      deriveKeyId(pair.publicKeyRaw),
      deriveKeyId(ed25519PrivateKeyFromRaw(pair.privateKeyRaw)),
      deriveKeyId(pair.publicKeyPem.replace(/\n/g, "\r\n")),
      new LocalSigner(pair.privateKeyPem).keyId,
      new LocalVerifier(pair.publicKeyRaw).keyId,
    ];
    expect(new Set(ids)).toEqual(new Set([pair.keyId]));
  });

  it("differs between keys", () => {
    const other = generateKeyPair();
    expect(deriveKeyId(other.publicKeyPem)).not.toBe(deriveKeyId(pair.publicKeyPem));
  });

  it("names P-256 keys p256-", () => {
    const p256 = generateP256KeyPair();
    const spki = createPublicKey(p256.publicKeyPem).export({ format: "der", type: "spki" });
    expect(deriveKeyId(p256.publicKeyPem)).toBe(expectedKeyId("p256", spki));
    expect(p256.keyId).toBe(deriveKeyId(p256.publicKey));
    expect(deriveKeyId(p256.privateKey)).toBe(p256.keyId);
  });

  it("rejects malformed (SIG-001), unsupported (SIG-002) and private PEM (SIG-003) input", () => {
    expectParmanaError(
      () => deriveKeyId("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----"),
      "SIG-001",
      SignatureError,
    );
    expectParmanaError(() => deriveKeyId(new Uint8Array(16)), "SIG-001", SignatureError);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    expectParmanaError(() => deriveKeyId(rsa), "SIG-002", SignatureError);
    expectParmanaError(() => deriveKeyId(pair.privateKeyPem), "SIG-003", SignatureError);
  });
});

describe("exportEd25519PublicKeyRaw", () => {
  it("refuses a P-256 key with SIG-002", () => {
    expectParmanaError(
      () => exportEd25519PublicKeyRaw(generateP256KeyPair().publicKeyPem),
      "SIG-002",
      SignatureError,
      /not an Ed25519 key/,
    );
  });
});
