// The rarer refusals of the crypto layer, each reached through the public API where one leads
// there: oversized and half-described key files, secret keys, a zero DER integer, unreadable
// verifier options, long file paths given as PEM text.
import { createSecretKey } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  LocalSigner,
  LocalVerifier,
  SignatureError,
  SystemError,
  generateKeyPair,
  generateP256KeyPair,
  normalizeEcdsaP256Signature,
} from "@parmanasystems/core";
import { weakEd25519PublicKey } from "../../src/crypto/internal/ed25519-weak-keys.js";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

function keyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "parmana-key-"));
  writeFileSync(join(dir, "private.pem"), generateKeyPair().privateKeyPem);
  return dir;
}

describe("LocalSigner.fromFile: rare key files", () => {
  it("SYS-030 for a file far larger than any key", () => {
    const dir = mkdtempSync(join(tmpdir(), "parmana-key-"));
    writeFileSync(join(dir, "huge.pem"), "x".repeat(64 * 1024 + 1));
    expectParmanaError(
      () => LocalSigner.fromFile(join(dir, "huge.pem")),
      "SYS-030",
      SystemError,
      "is larger than 65536 bytes: not a key file",
    );
  });

  it("SYS-031 for a key.json without a keyId string", () => {
    const dir = keyFolder();
    for (const info of ["null", "{}", '{"keyId":""}', '{"keyId":7}']) {
      writeFileSync(join(dir, "key.json"), info);
      expectParmanaError(
        () => LocalSigner.fromFile(join(dir, "private.pem")),
        "SYS-031",
        SystemError,
        "has no keyId string",
      );
    }
  });

  it("SYS-031 for a key.json naming a public key file that cannot be read", () => {
    const dir = keyFolder();
    writeFileSync(join(dir, "key.json"), JSON.stringify({ keyId: "k", publicKey: "absent.pem" }));
    const error = expectParmanaError(
      () => LocalSigner.fromFile(join(dir, "private.pem")),
      "SYS-031",
      SystemError,
      "names public key absent.pem, which cannot be read",
    );
    expect((error.cause as { code?: unknown }).code).toBe("ENOENT");
  });

  it("takes the recorded id when key.json names no public key file", () => {
    const dir = keyFolder();
    writeFileSync(join(dir, "key.json"), JSON.stringify({ keyId: "bare-id" }));
    expect(LocalSigner.fromFile(join(dir, "private.pem")).keyId).toBe("bare-id");
  });
});

describe("public keys: wrong kinds", () => {
  it("SIG-003 for a secret (symmetric) key given as a public key", () => {
    expectParmanaError(
      () => new LocalVerifier(createSecretKey(new Uint8Array(32)) as never),
      "SIG-003",
      SignatureError,
      "a secret key was given where a public key is needed",
    );
  });

  it("reads a short raw Ed25519 encoding as zero-padded, which is small-order", () => {
    expect(weakEd25519PublicKey(new Uint8Array(0))).toBe("small-order");
  });
});

describe("LocalVerifier options", () => {
  it("stays strict about low-S when reading lowS throws", () => {
    const { privateKeyPem, publicKeyPem } = generateP256KeyPair();
    const signer = new LocalSigner(privateKeyPem);
    const message = "payload";
    const low = signer.sign(message);
    const high = Buffer.from(highS(Buffer.from(low, "base64"))).toString("base64");
    const hostile = {
      get lowS(): boolean {
        throw new Error("no options for you");
      },
    };
    const verifier = new LocalVerifier(publicKeyPem, hostile);
    expect(verifier.verify(message, low)).toBe(true);
    expect(verifier.verify(message, high)).toBe(false);
    expect(new LocalVerifier(publicKeyPem, { lowS: false }).verify(message, high)).toBe(true);
  });
});

describe("normalizeEcdsaP256Signature: DER integers", () => {
  it("SIG-013 for r = 0 encoded minimally (02 01 00)", () => {
    const der = Uint8Array.from([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01]);
    expectParmanaError(() => normalizeEcdsaP256Signature(der), "SIG-013", SignatureError);
  });

  it("SIG-013 for r = 1 with a superfluous leading zero (02 02 00 01)", () => {
    const der = Uint8Array.from([0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01]);
    expectParmanaError(() => normalizeEcdsaP256Signature(der), "SIG-013", SignatureError);
    // The same integers minimally encoded are accepted (and already low-S).
    const minimal = Uint8Array.from([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]);
    expect(normalizeEcdsaP256Signature(minimal)).toEqual(minimal);
  });
});

describe("PEM hints", () => {
  it("shortens a long file path given as PEM text to its last 79 characters", () => {
    const path = `/keys/${"nested/".repeat(20)}private.pem`;
    const error = expectParmanaError(() => new LocalSigner(path), "SIG-001", SignatureError);
    expect(error.message).toContain(`"…${path.slice(-79)}" looks like a file path`);
  });
});

/** The same ECDSA signature with s replaced by n - s (valid, but not in low-S form). */
function highS(der: Uint8Array): Uint8Array {
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const rLength = der[3] as number;
  const r = der.slice(4, 4 + rLength);
  const sStart = 4 + rLength + 2;
  const s = BigInt(`0x${Buffer.from(der.slice(sStart)).toString("hex")}`);
  let hex = (n - s).toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let sBytes = Uint8Array.from(Buffer.from(hex, "hex"));
  if ((sBytes[0] as number) & 0x80) sBytes = Uint8Array.from([0, ...sBytes]);
  return Uint8Array.from([
    0x30,
    4 + r.length + sBytes.length,
    0x02,
    r.length,
    ...r,
    0x02,
    sBytes.length,
    ...sBytes,
  ]);
}
