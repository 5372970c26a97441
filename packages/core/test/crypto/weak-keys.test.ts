// Ed25519 public keys under which anyone can forge (the 8 small-order points) and non-canonical
// encodings are refused wherever a key enters; ECDSA P-256 signatures are low-S only.
import { createPublicKey, verify as nodeVerify, sign as nodeSign } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createTrustRoot,
  createTrustRootKey,
  deriveKeyId,
  generateKeyPair,
  generateP256KeyPair,
  LocalSigner,
  LocalVerifier,
  normalizeEcdsaP256Signature,
  SignatureError,
  validateTrustRoot,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const pemOf = (raw: Buffer): string =>
  createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: "der", type: "spki" })
    .export({ format: "pem", type: "spki" })
    .toString();
const le = (hex: string): Buffer => Buffer.from(hex, "hex");
const withSign = (raw: Buffer): Buffer => {
  const copy = Buffer.from(raw);
  copy[31] = (copy[31] as number) | 0x80;
  return copy;
};

const IDENTITY = le("01" + "00".repeat(31));
const ORDER_2 = le("ec" + "ff".repeat(30) + "7f"); // y = p - 1
const ORDER_4 = le("00".repeat(32)); // y = 0
const ORDER_8 = le("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
const ORDER_8_NEG = le("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");
const SMALL_ORDER: [string, Buffer][] = [
  ["the identity", IDENTITY],
  ["the point of order 2", ORDER_2],
  ["a point of order 4", ORDER_4],
  ["the other point of order 4", withSign(ORDER_4)],
  ["a point of order 8", ORDER_8],
  ["a second point of order 8", withSign(ORDER_8)],
  ["a third point of order 8", ORDER_8_NEG],
  ["a fourth point of order 8", withSign(ORDER_8_NEG)],
];
const NON_CANONICAL: [string, Buffer][] = [
  ["y = p", le("ed" + "ff".repeat(30) + "7f")],
  ["y = p + 1 (the identity, non-canonically)", le("ee" + "ff".repeat(30) + "7f")],
  ["y = 2^255 - 1", le("ff".repeat(31) + "7f")],
  ["y = p + 3 with the sign bit", le("f0" + "ff".repeat(31))],
];

describe("small-order and non-canonical Ed25519 public keys", () => {
  it("the attack is real: under the identity key, R = identity, S = 0 verifies for any message in plain node:crypto", (context) => {
    const key = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, IDENTITY]),
      format: "der",
      type: "spki",
    });
    const forged = Buffer.concat([IDENTITY, Buffer.alloc(32)]);
    const accepted = nodeVerify(null, Buffer.from("anything at all"), key, forged);
    // The OpenSSL of newer Node releases (24) refuses this signature itself; the refusal tests
    // below hold either way, since Parmana refuses the key before any signature is checked.
    if (!accepted && Number(process.versions.node.split(".")[0]) >= 22)
      context.skip(`node:crypto ${process.version} itself refuses the identity-key forgery`);
    expect(accepted).toBe(true);
  });

  for (const [name, raw] of [...SMALL_ORDER, ...NON_CANONICAL]) {
    const weakness = NON_CANONICAL.some(([, other]) => other === raw)
      ? "non-canonical"
      : "small-order";
    it(`refuses ${name} as raw bytes, PEM, DER KeyObject and JWK KeyObject (SIG-012)`, () => {
      const forms: unknown[] = [new Uint8Array(raw)];
      // OpenSSL decodes every 32-byte string; the PEM and KeyObject forms carry the same bytes.
      const keyObject = createPublicKey({
        key: Buffer.concat([SPKI_PREFIX, raw]),
        format: "der",
        type: "spki",
      });
      forms.push(pemOf(raw), keyObject);
      forms.push(
        createPublicKey({
          key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") },
          format: "jwk",
        }),
      );
      for (const form of forms) {
        const error = expectParmanaError(
          () => new LocalVerifier(form as never),
          "SIG-012",
          SignatureError,
          weakness === "small-order" ? /small order/ : /not canonically encoded/,
        );
        expect(error.details).toEqual({ weakness });
        expectParmanaError(() => deriveKeyId(form as never), "SIG-012", SignatureError);
        expectParmanaError(
          () =>
            createTrustRootKey(form as never, {
              purposes: ["attestation"],
              validFrom: "2026-01-01T00:00:00Z",
            }),
          "SIG-012",
          SignatureError,
        );
      }
    });
  }

  it("a trust root holding the identity key does not validate (TRUST-008 naming SIG-012)", () => {
    const good = generateKeyPair();
    const root = createTrustRoot({
      keys: [
        createTrustRootKey(good.publicKeyPem, {
          purposes: ["attestation", "trust-root"],
          validFrom: "2026-01-01T00:00:00Z",
        }),
      ],
    });
    const forged = {
      ...root,
      keys: [{ ...root.keys[0]!, keyId: "forged", publicKey: pemOf(IDENTITY) }],
    };
    const problems = validateTrustRoot(forged);
    expect(problems.map((problem) => problem.code)).toContain("TRUST-008");
    expect(problems.find((problem) => problem.code === "TRUST-008")?.message).toMatch(
      /\[SIG-012\]/,
    );
  });

  it("accepts real keys", () => {
    for (let index = 0; index < 50; index += 1) {
      const pair = generateKeyPair();
      expect(new LocalVerifier(pair.publicKeyRaw).keyId).toBe(pair.keyId);
    }
  });
});

describe("ECDSA P-256 low-S", () => {
  const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const pair = generateP256KeyPair();
  const signer = new LocalSigner(pair.privateKeyPem);
  const verifier = new LocalVerifier(pair.publicKeyPem);
  const sOf = (der: Buffer): bigint => {
    const rLength = der[3] as number;
    const sLength = der[5 + rLength] as number;
    return BigInt(`0x${der.subarray(6 + rLength, 6 + rLength + sLength).toString("hex")}`);
  };
  const twin = (der: Buffer): Buffer => {
    const rLength = der[3] as number;
    const r = der.subarray(4, 4 + rLength);
    let s = (N - sOf(der)).toString(16);
    if (s.length % 2) s = `0${s}`;
    let sBytes = Buffer.from(s, "hex");
    if ((sBytes[0] as number) & 0x80) sBytes = Buffer.concat([Buffer.from([0]), sBytes]);
    return Buffer.concat([
      Buffer.from([0x30, 4 + r.length + sBytes.length, 0x02, r.length]),
      r,
      Buffer.from([0x02, sBytes.length]),
      sBytes,
    ]);
  };

  it("LocalSigner emits low-S signatures only", () => {
    for (let index = 0; index < 200; index += 1) {
      const der = Buffer.from(signer.sign(`message ${index}`), "base64");
      expect(sOf(der) <= N / 2n).toBe(true);
      expect(verifier.verify(`message ${index}`, der.toString("base64"))).toBe(true);
    }
  });

  it("LocalVerifier refuses the high-S twin of a valid signature; { lowS: false } accepts it", () => {
    const lenient = new LocalVerifier(pair.publicKeyPem, { lowS: false });
    for (let index = 0; index < 20; index += 1) {
      const message = `message ${index}`;
      const high = twin(Buffer.from(signer.sign(message), "base64"));
      // The twin really is a valid ECDSA signature for OpenSSL.
      expect(nodeVerify("sha256", Buffer.from(message), pair.publicKey, high)).toBe(true);
      expect(verifier.verify(message, high.toString("base64"))).toBe(false);
      expect(lenient.verify(message, high.toString("base64"))).toBe(true);
    }
  });

  it("normalizeEcdsaP256Signature turns a high-S signature into its low-S twin and keeps low-S ones", () => {
    for (let index = 0; index < 50; index += 1) {
      const raw = nodeSign("sha256", Buffer.from(`m${index}`), pair.privateKey);
      const normalized = Buffer.from(normalizeEcdsaP256Signature(raw));
      expect(sOf(normalized) <= N / 2n).toBe(true);
      expect(nodeVerify("sha256", Buffer.from(`m${index}`), pair.publicKey, normalized)).toBe(true);
      expect(verifier.verifyBytes(Buffer.from(`m${index}`), normalized.toString("base64"))).toBe(
        true,
      );
      if (sOf(raw) <= N / 2n) expect(normalized.equals(raw)).toBe(true);
      else expect(normalized.equals(twin(raw))).toBe(true);
    }
  });

  it("normalizeEcdsaP256Signature refuses what is not a strict DER signature (SIG-013)", () => {
    const good = Buffer.from(signer.sign("x"), "base64");
    const bad = [
      Buffer.alloc(0),
      Buffer.alloc(64, 1),
      Buffer.concat([good, Buffer.from([0])]),
      Buffer.from([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01]), // r = 0
      "not bytes",
    ];
    for (const value of bad) {
      expectParmanaError(
        () => normalizeEcdsaP256Signature(value as never),
        "SIG-013",
        SignatureError,
        /strict DER ECDSA P-256 signature/,
      );
    }
  });
});
