// LocalVerifier: a bad signature is `false`, never an exception; a bad key or argument throws a
// coded SIG- error. The algorithm comes from the key, never from the signature.
import { generateKeyPairSync } from "node:crypto";
import vm from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  LocalSigner,
  LocalVerifier,
  SignatureError,
  generateKeyPair,
  generateP256KeyPair,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const pair = generateKeyPair();
const signer = new LocalSigner(pair.privateKeyPem);
const verifier = new LocalVerifier(pair.publicKeyPem);
const payload =
  '{"domain":"PARMANA_ATTESTATION_V1","payload":{"amount":125000,"decision":"approve"}}';
const signature = signer.sign(payload);
const signatureBytes = Buffer.from(signature, "base64");

/** A signature over `payload` whose base64 text contains '+' or '/', so base64url differs. */
function signatureWithBase64Specials(): { text: string; signature: string } {
  for (let index = 0; ; index++) {
    const text = `${payload}${index}`;
    const candidate = signer.sign(text);
    if (/[+/]/.test(candidate)) return { text, signature: candidate };
  }
}

describe("LocalVerifier accepts exactly the valid signatures", () => {
  it.each([
    ["PEM SPKI text", pair.publicKeyPem],
    ["a public KeyObject", pair.publicKey],
    ["32 raw bytes", pair.publicKeyRaw],
    [
      "32 raw bytes made in another realm",
      vm.runInNewContext("new Uint8Array(raw)", { raw: [...pair.publicKeyRaw] }) as Uint8Array,
    ],
  ])("verifies a LocalSigner signature with the key given as %s", (_label, key) => {
    const fromKey = new LocalVerifier(key);
    expect(fromKey.algorithm).toBe("ed25519");
    expect(fromKey.keyId).toBe(pair.keyId);
    expect(fromKey.verify(payload, signature)).toBe(true);
  });

  it("rejects a signature made with another key", () => {
    const other = new LocalSigner(generateKeyPair().privateKeyPem);
    expect(verifier.verify(payload, other.sign(payload))).toBe(false);
    expect(new LocalVerifier(generateKeyPair().publicKeyPem).verify(payload, signature)).toBe(
      false,
    );
  });

  it("rejects the signature when any one byte of it is flipped", () => {
    for (let index = 0; index < signatureBytes.length; index++) {
      const tampered = Buffer.from(signatureBytes);
      tampered[index] = (tampered[index] as number) ^ 0x01;
      expect(verifier.verify(payload, tampered.toString("base64")), `byte ${index}`).toBe(false);
    }
  });

  it("rejects a payload with one character changed, added or removed", () => {
    expect(verifier.verify(payload.replace("125000", "125001"), signature)).toBe(false);
    expect(verifier.verify(`${payload} `, signature)).toBe(false);
    expect(verifier.verify(payload.slice(0, -1), signature)).toBe(false);
    expect(verifier.verify("", signature)).toBe(false);
  });
});

describe("LocalVerifier returns false for malformed signatures", () => {
  const special = signatureWithBase64Specials();

  it("accepts the well-formed original of each malformed case", () => {
    expect(verifier.verify(special.text, special.signature)).toBe(true);
  });

  it.each([
    ["the empty string", ""],
    ["characters outside base64", `${signature.slice(0, -3)}!==`],
    ["base64url alphabet", special.signature.replaceAll("+", "-").replaceAll("/", "_")],
    ["missing padding", signature.replace(/=+$/, "")],
    ["extra padding", `${signature}=`],
    ["a line break inside", `${signature.slice(0, 40)}\n${signature.slice(40)}`],
    ["leading whitespace", ` ${signature}`],
    ["trailing whitespace", `${signature}\n`],
    [
      "non-zero padding bits (non-canonical encoding of the same bytes)",
      `${signature.slice(0, -3)}${String.fromCharCode(signature.charCodeAt(signature.length - 3) + 1)}==`,
    ],
    ["hex instead of base64", signatureBytes.toString("hex")],
    ["63 bytes", signatureBytes.subarray(0, 63).toString("base64")],
    [
      "65 bytes (valid signature plus garbage)",
      Buffer.concat([signatureBytes, Buffer.of(0)]).toString("base64"),
    ],
    ["64 zero bytes", Buffer.alloc(64).toString("base64")],
    [
      "128 bytes (signature twice)",
      Buffer.concat([signatureBytes, signatureBytes]).toString("base64"),
    ],
  ])("%s", (label, malformed) => {
    const text = label === "base64url alphabet" ? special.text : payload;
    expect(malformed).not.toBe(label === "base64url alphabet" ? special.signature : signature);
    expect(verifier.verify(text, malformed)).toBe(false);
  });

  it("decodes the non-canonical padding case to the same bytes (so only strictness rejects it)", () => {
    const nonCanonical = `${signature.slice(0, -3)}${String.fromCharCode(signature.charCodeAt(signature.length - 3) + 1)}==`;
    expect(Buffer.from(nonCanonical, "base64").equals(signatureBytes)).toBe(true);
  });
});

describe("LocalVerifier takes the algorithm from its key", () => {
  const p256 = generateP256KeyPair();
  const p256Signer = new LocalSigner(p256.privateKeyPem);

  it("verifies ECDSA P-256 DER signatures with a P-256 public key", () => {
    const p256Verifier = new LocalVerifier(p256.publicKeyPem);
    expect(p256Verifier.algorithm).toBe("ecdsa-p256-sha256");
    expect(p256Verifier.keyId).toBe(p256.keyId);
    expect(p256Verifier.verify(payload, p256Signer.sign(payload))).toBe(true);
    expect(p256Verifier.verify(`${payload}x`, p256Signer.sign(payload))).toBe(false);
  });

  it("rejects an Ed25519 signature under a P-256 key and a DER ECDSA signature under an Ed25519 key", () => {
    expect(new LocalVerifier(p256.publicKeyPem).verify(payload, signature)).toBe(false);
    expect(verifier.verify(payload, p256Signer.sign(payload))).toBe(false);
  });
});

describe("LocalVerifier rejects bad keys and arguments", () => {
  it.each([
    ["a garbage string", "not a key"],
    ["a PEM with a broken body", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"],
    ["31 raw bytes", new Uint8Array(31)],
    ["33 raw bytes", new Uint8Array(33)],
    ["a number", 7],
    ["null", null],
  ])("malformed key: %s → SIG-001", (_label, key) => {
    expectParmanaError(() => new LocalVerifier(key as string), "SIG-001", SignatureError);
  });

  it.each([
    ["RSA", () => generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey],
    ["ECDSA P-384", () => generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey],
    ["Ed448", () => generateKeyPairSync("ed448").publicKey],
  ])("unsupported %s key → SIG-002", (_label, make) => {
    const key = make();
    expectParmanaError(
      () => new LocalVerifier(key),
      "SIG-002",
      SignatureError,
      /unsupported key type/,
    );
    expectParmanaError(
      () => new LocalVerifier(key.export({ format: "pem", type: "spki" }).toString()),
      "SIG-002",
      SignatureError,
    );
  });

  it.each([
    ["a PEM PKCS#8 private key", pair.privateKeyPem],
    ["a private KeyObject", pair.privateKey],
  ])("wrong kind: %s → SIG-003", (_label, key) => {
    expectParmanaError(
      () => new LocalVerifier(key),
      "SIG-003",
      SignatureError,
      /where a public key is needed/,
    );
  });

  it.each([
    ["payload is a number", 1, signature],
    ["payload is bytes", Buffer.from(payload), signature],
    ["payload is undefined", undefined, signature],
    ["signature is bytes", payload, signatureBytes],
    ["signature is null", payload, null],
  ])("verify(): %s → SIG-004", (_label, message, sig) => {
    expectParmanaError(
      () => verifier.verify(message as string, sig as string),
      "SIG-004",
      SignatureError,
      /must be strings/,
    );
  });

  it("verifyBytes(): a string message → SIG-004", () => {
    expectParmanaError(
      () => verifier.verifyBytes(payload as unknown as Uint8Array, signature),
      "SIG-004",
      SignatureError,
    );
  });
});

describe("sign → verify properties (fast-check)", () => {
  const textArbitrary = fc.string({ unit: "binary", maxLength: 200 });

  it("a signature always verifies over the text it was made for", () => {
    fc.assert(
      fc.property(textArbitrary, (text) => {
        expect(verifier.verify(text, signer.sign(text))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("flipping any bit of any payload byte makes it fail", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (message, position, bit) => {
          const sig = signer.signBytes(message);
          const tampered = Uint8Array.from(message);
          const index = position % tampered.length;
          tampered[index] = (tampered[index] as number) ^ (1 << bit);
          expect(verifier.verifyBytes(message, sig)).toBe(true);
          expect(verifier.verifyBytes(tampered, sig)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("changing any byte of the signature makes it fail", () => {
    fc.assert(
      fc.property(
        textArbitrary,
        fc.integer({ min: 0, max: 63 }),
        fc.integer({ min: 1, max: 255 }),
        (text, index, mask) => {
          const sig = Buffer.from(signer.sign(text), "base64");
          sig[index] = (sig[index] as number) ^ mask;
          expect(verifier.verify(text, sig.toString("base64"))).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
