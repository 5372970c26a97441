// RFC 8032 §7.1 Ed25519 test vectors: Ed25519 is deterministic, so LocalSigner built from the
// secret seed must reproduce each signature byte for byte, and LocalVerifier built from the raw
// public key must accept it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  LocalSigner,
  LocalVerifier,
  SignatureError,
  deriveKeyId,
  ed25519PrivateKeyFromRaw,
  exportEd25519PublicKeyRaw,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

interface Rfc8032Vector {
  readonly name: string;
  readonly secretKeyHex: string;
  readonly publicKeyHex: string;
  readonly messageHex: string;
  readonly signatureHex: string;
}

const { vectors } = JSON.parse(
  readFileSync(new URL("../vectors/rfc8032.json", import.meta.url), "utf8"),
) as {
  vectors: Rfc8032Vector[];
};
const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "hex"));
const base64OfHex = (text: string): string => Buffer.from(text, "hex").toString("base64");

describe("RFC 8032 §7.1 Ed25519 vectors", () => {
  it("has TEST 1, 2, 3 and 1024", () => {
    expect(vectors.map((vector) => vector.name)).toEqual([
      "TEST 1",
      "TEST 2",
      "TEST 3",
      "TEST 1024",
    ]);
    expect(vectors.map((vector) => vector.messageHex.length / 2)).toEqual([0, 1, 2, 1023]);
  });

  describe.each(vectors)("$name", (vector) => {
    const signer = new LocalSigner(ed25519PrivateKeyFromRaw(hex(vector.secretKeyHex)));
    const verifier = new LocalVerifier(hex(vector.publicKeyHex));
    const message = hex(vector.messageHex);

    it("derives the vector's public key from the seed", () => {
      expect(Buffer.from(exportEd25519PublicKeyRaw(signer.publicKeyPem)).toString("hex")).toBe(
        vector.publicKeyHex,
      );
      expect(signer.keyId).toBe(verifier.keyId);
      expect(signer.keyId).toBe(deriveKeyId(hex(vector.publicKeyHex)));
      expect(signer.algorithm).toBe("ed25519");
    });

    it("reproduces the signature byte for byte", () => {
      expect(signer.signBytes(message)).toBe(base64OfHex(vector.signatureHex));
    });

    it("verifies the signature with LocalVerifier built from the raw public key", () => {
      expect(verifier.verifyBytes(message, base64OfHex(vector.signatureHex))).toBe(true);
    });

    it("rejects the signature over a different message", () => {
      const other = Uint8Array.from([...message, 0]);
      expect(verifier.verifyBytes(other, base64OfHex(vector.signatureHex))).toBe(false);
    });
  });

  it('signs text as its UTF-8 bytes: TEST 1 (empty) and TEST 2 ("r") through sign()', () => {
    const [test1, test2] = vectors as [Rfc8032Vector, Rfc8032Vector];
    expect(new LocalSigner(ed25519PrivateKeyFromRaw(hex(test1.secretKeyHex))).sign("")).toBe(
      base64OfHex(test1.signatureHex),
    );
    expect(Buffer.from("r", "utf8").toString("hex")).toBe(test2.messageHex);
    expect(new LocalSigner(ed25519PrivateKeyFromRaw(hex(test2.secretKeyHex))).sign("r")).toBe(
      base64OfHex(test2.signatureHex),
    );
    expect(
      new LocalVerifier(hex(test2.publicKeyHex)).verify("r", base64OfHex(test2.signatureHex)),
    ).toBe(true);
  });

  it("documents the keyId of the TEST 1 public key", () => {
    // deriveKeyId's TSDoc example; the value is SHA-256 over the RFC 8410 SPKI DER of the key.
    expect(deriveKeyId(hex((vectors[0] as Rfc8032Vector).publicKeyHex))).toBe(
      "ed25519-06e3fd8fda29bb60ab59557de61edb0a",
    );
  });
});

describe("ed25519PrivateKeyFromRaw", () => {
  it.each([
    ["31 bytes", new Uint8Array(31)],
    ["33 bytes", new Uint8Array(33)],
    ["an empty array", new Uint8Array(0)],
    ["a hex string", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"],
    ["an array of numbers", Array.from({ length: 32 }, () => 1)],
  ])("rejects %s with SIG-001", (_label, seed) => {
    expectParmanaError(
      () => ed25519PrivateKeyFromRaw(seed as Uint8Array),
      "SIG-001",
      SignatureError,
      /32 bytes/,
    );
  });

  it("returns a private Ed25519 KeyObject", () => {
    const key = ed25519PrivateKeyFromRaw(hex((vectors[0] as Rfc8032Vector).secretKeyHex));
    expect(key.type).toBe("private");
    expect(key.asymmetricKeyType).toBe("ed25519");
  });
});
