// Keys: the same key as PEM, JWK and raw bytes imports to the same algorithm and the keyId core
// derives; every wrong key kind is refused with its SIG- code.
import { generateKeyPairSync } from "node:crypto";
import { deriveKeyId, generateKeyPair, generateP256KeyPair } from "@parmanasystems/core";
import { importPublicKey, isVerificationKey, SignatureError } from "@parmanasystems/verify";
import { describe, expect, it } from "vitest";

async function refused(input: unknown, code: string, message: RegExp): Promise<void> {
  const error = await importPublicKey(input as string).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SignatureError);
  expect((error as SignatureError).code).toBe(code);
  expect((error as Error).message).toMatch(message);
}

describe("importPublicKey", () => {
  it("Ed25519 as PEM, JWK and 32 raw bytes: one key, core's keyId", async () => {
    const pair = generateKeyPair();
    const jwk = pair.publicKey.export({ format: "jwk" });
    const forms = [pair.publicKeyPem, jwk, pair.publicKeyRaw];
    for (const form of forms) {
      const key = await importPublicKey(form as never);
      expect(key.algorithm).toBe("ed25519");
      expect(key.keyId).toBe(pair.keyId);
      expect(isVerificationKey(key)).toBe(true);
      expect(await importPublicKey(key)).toBe(key);
    }
  });

  it("P-256 as PEM, JWK and 65 raw bytes: one key, core's keyId", async () => {
    const pair = generateP256KeyPair();
    const jwk = pair.publicKey.export({ format: "jwk" }) as { x: string; y: string };
    const raw = Uint8Array.from([
      4,
      ...Buffer.from(jwk.x, "base64url"),
      ...Buffer.from(jwk.y, "base64url"),
    ]);
    for (const form of [pair.publicKeyPem, jwk, raw]) {
      const key = await importPublicKey(form as never);
      expect(key.algorithm).toBe("ecdsa-p256-sha256");
      expect(key.keyId).toBe(deriveKeyId(pair.publicKeyPem));
    }
  });

  it("refuses private keys (PEM and JWK) with SIG-003", async () => {
    const pair = generateKeyPair();
    await refused(pair.privateKeyPem, "SIG-003", /^\[SIG-003\] a private key was given/);
    await refused(
      pair.privateKey.export({ format: "jwk" }),
      "SIG-003",
      /^\[SIG-003\] a private JWK/,
    );
  });

  it("refuses other key types with SIG-002", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({
      format: "pem",
      type: "spki",
    });
    await refused(
      rsa,
      "SIG-002",
      /^\[SIG-002\] unsupported key type rsa; use Ed25519 or ECDSA P-256/,
    );
    const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey.export({
      format: "pem",
      type: "spki",
    });
    await refused(p384, "SIG-002", /^\[SIG-002\] unsupported key type ec/);
    const ed448 = generateKeyPairSync("ed448").publicKey.export({ format: "pem", type: "spki" });
    await refused(ed448, "SIG-002", /ed448/);
    await refused({ kty: "RSA", n: "AQAB", e: "AQAB" }, "SIG-002", /unsupported key type RSA/);
  });

  it("refuses malformed keys with SIG-001", async () => {
    await refused(
      "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----",
      "SIG-001",
      /PEM could not be parsed/,
    );
    await refused("not a key", "SIG-001", /PEM could not be parsed/);
    await refused(new Uint8Array(31), "SIG-001", /got 31/);
    await refused(Uint8Array.from([5, ...new Uint8Array(64)]), "SIG-001", /65 bytes \(04/);
    await refused(
      { kty: "OKP", crv: "Ed25519", x: "abc" },
      "SIG-001",
      /JWK member x must be 32 bytes/,
    );
    await refused({ kty: "OKP", crv: "Ed25519", x: "a+b/" }, "SIG-001", /base64url/);
    await refused(42, "SIG-001", /a public key must be/);
    // Not a point on the curve: WebCrypto refuses the import.
    await refused(
      Uint8Array.from([4, ...new Uint8Array(64).fill(1)]),
      "SIG-001",
      /could not be imported/,
    );
  });
});
