import {
  constants,
  createPrivateKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashEvidencePayload, verifySourceAttestation } from "@parmanasystems/provenance";
import type { SignatureAlgorithm, SourceAttestation } from "@parmanasystems/provenance";

// Real keys from node:crypto; signatures made here independently of the code under test.
const ed = generateKeyPairSync("ed25519");
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const otherEd = generateKeyPairSync("ed25519");
const otherRsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const otherEc = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const pem = (key: KeyObject): string => key.export({ format: "pem", type: "spki" }).toString();

const payload = {
  fipId: "FIP-HDFC",
  accounts: [{ maskedAccNumber: "XXXX1234", balance: "82000.00" }],
  consentId: "c-1",
};
const payloadHash = hashEvidencePayload(payload);

type Signing = (message: Buffer) => Buffer;
const signers: Record<
  Exclude<SignatureAlgorithm, "unknown">,
  { sign: Signing; publicKey: string; otherKey: string }
> = {
  ed25519: {
    sign: (m) => sign(null, m, ed.privateKey),
    publicKey: pem(ed.publicKey),
    otherKey: pem(otherEd.publicKey),
  },
  "rsa-pss-sha256": {
    sign: (m) =>
      sign("sha256", m, {
        key: rsa.privateKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: 32,
      }),
    publicKey: pem(rsa.publicKey),
    otherKey: pem(otherRsa.publicKey),
  },
  "ecdsa-p256": {
    sign: (m) => sign("sha256", m, ec.privateKey),
    publicKey: pem(ec.publicKey),
    otherKey: pem(otherEc.publicKey),
  },
};

function attest(
  algorithm: Exclude<SignatureAlgorithm, "unknown">,
  overrides: Partial<SourceAttestation> = {},
): SourceAttestation {
  return {
    source: "FIP-HDFC",
    algorithm,
    signedAt: "2024-05-01T10:00:00.000Z",
    payloadHash,
    signature: signers[algorithm].sign(Buffer.from(payloadHash, "utf8")).toString("base64"),
    keyId: "fip-key-1",
    ...overrides,
  };
}

describe.each(Object.keys(signers) as Exclude<SignatureAlgorithm, "unknown">[])(
  "verifySourceAttestation with %s",
  (algorithm) => {
    const { publicKey, otherKey } = signers[algorithm];

    it("accepts a genuine attestation", () => {
      expect(verifySourceAttestation(payload, attest(algorithm), publicKey)).toEqual({
        valid: true,
      });
    });

    it("does not depend on the payload's key order", () => {
      const reordered = {
        consentId: "c-1",
        accounts: [{ balance: "82000.00", maskedAccNumber: "XXXX1234" }],
        fipId: "FIP-HDFC",
      };
      expect(verifySourceAttestation(reordered, attest(algorithm), publicKey).valid).toBe(true);
    });

    it("rejects a wrong key", () => {
      const result = verifySourceAttestation(payload, attest(algorithm), otherKey);
      expect(result).toEqual({
        valid: false,
        reason: `signature does not verify with the given ${algorithm} public key`,
      });
    });

    it("rejects a tampered payload", () => {
      const result = verifySourceAttestation(
        { ...payload, consentId: "c-2" },
        attest(algorithm),
        publicKey,
      );
      expect(result).toEqual({ valid: false, reason: "payloadHash does not match the payload" });
    });

    it("rejects a tampered payloadHash that matches a tampered payload", () => {
      const forged = {
        ...payload,
        accounts: [{ maskedAccNumber: "XXXX1234", balance: "9999999.00" }],
      };
      const result = verifySourceAttestation(
        forged,
        attest(algorithm, { payloadHash: hashEvidencePayload(forged) }),
        publicKey,
      );
      expect(result.valid).toBe(false);
      expect(result.reason).toMatch(/signature does not verify/);
    });

    it("rejects garbage and malformed signatures", () => {
      for (const signature of [
        "",
        "!!!not base64!!!",
        "AAAA",
        Buffer.alloc(64, 7).toString("base64"),
        "QUJD\n",
        "QUJDRA",
      ]) {
        expect(
          verifySourceAttestation(payload, attest(algorithm, { signature }), publicKey).valid,
        ).toBe(false);
      }
    });

    it("rejects a flipped signature bit", () => {
      const bytes = Buffer.from(attest(algorithm).signature, "base64");
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
      expect(
        verifySourceAttestation(
          payload,
          attest(algorithm, { signature: bytes.toString("base64") }),
          publicKey,
        ).valid,
      ).toBe(false);
    });
  },
);

describe("verifySourceAttestation algorithm and key handling", () => {
  it("rejects a wrong algorithm name for the key", () => {
    const edAttestation = attest("ed25519");
    expect(
      verifySourceAttestation(
        payload,
        { ...edAttestation, algorithm: "ecdsa-p256" },
        signers.ed25519.publicKey,
      ),
    ).toEqual({
      valid: false,
      reason: "algorithm ecdsa-p256 needs a P-256 EC key, got ed25519",
    });
    expect(
      verifySourceAttestation(
        payload,
        { ...edAttestation, algorithm: "rsa-pss-sha256" },
        signers.ed25519.publicKey,
      ).reason,
    ).toBe("algorithm rsa-pss-sha256 needs an RSA key, got ed25519");
    expect(
      verifySourceAttestation(
        payload,
        { ...attest("ecdsa-p256"), algorithm: "ed25519" },
        signers["ecdsa-p256"].publicKey,
      ).reason,
    ).toBe("algorithm ed25519 needs an Ed25519 key, got ec");
  });

  it("refuses the unknown algorithm and unlisted names", () => {
    for (const algorithm of [
      "unknown",
      "ES256",
      "none",
      "RSA-PSS-SHA256",
      "__proto__",
      "toString",
    ]) {
      const result = verifySourceAttestation(
        payload,
        { ...attest("ed25519"), algorithm: algorithm as SignatureAlgorithm },
        signers.ed25519.publicKey,
      );
      expect(result.valid).toBe(false);
      expect(result.reason).toMatch(/^unsupported algorithm/);
    }
  });

  it("accepts ECDSA P-256 in raw r||s (IEEE P1363) as well as DER", () => {
    const raw = sign("sha256", Buffer.from(payloadHash), {
      key: ec.privateKey,
      dsaEncoding: "ieee-p1363",
    });
    expect(raw.length).toBe(64);
    expect(
      verifySourceAttestation(
        payload,
        attest("ecdsa-p256", { signature: raw.toString("base64") }),
        signers["ecdsa-p256"].publicKey,
      ).valid,
    ).toBe(true);
  });

  it("refuses an ECDSA key on another curve and RSA keys below 2048 bits", () => {
    const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" });
    const signature = sign("sha256", Buffer.from(payloadHash), p384.privateKey).toString("base64");
    expect(
      verifySourceAttestation(payload, attest("ecdsa-p256", { signature }), pem(p384.publicKey))
        .reason,
    ).toBe("algorithm ecdsa-p256 needs a P-256 EC key, got ec on secp384r1");
    const weak = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const weakSignature = sign("sha256", Buffer.from(payloadHash), {
      key: weak.privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    });
    expect(
      verifySourceAttestation(
        payload,
        attest("rsa-pss-sha256", { signature: weakSignature.toString("base64") }),
        pem(weak.publicKey),
      ).reason,
    ).toBe("RSA keys shorter than 2048 bits are refused");
  });

  it("requires RSA-PSS with a 32-byte salt", () => {
    const wrongSalt = sign("sha256", Buffer.from(payloadHash), {
      key: rsa.privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 20,
    });
    expect(
      verifySourceAttestation(
        payload,
        attest("rsa-pss-sha256", { signature: wrongSalt.toString("base64") }),
        signers["rsa-pss-sha256"].publicKey,
      ).valid,
    ).toBe(false);
    const pkcs1 = sign("sha256", Buffer.from(payloadHash), rsa.privateKey);
    expect(
      verifySourceAttestation(
        payload,
        attest("rsa-pss-sha256", { signature: pkcs1.toString("base64") }),
        signers["rsa-pss-sha256"].publicKey,
      ).valid,
    ).toBe(false);
  });

  it("refuses private keys, garbage keys and non-string keys", () => {
    const privatePem = ed.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    expect(createPrivateKey(privatePem).type).toBe("private");
    for (const key of [
      privatePem,
      "",
      "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
      42,
      null,
      ed.privateKey,
    ]) {
      expect(verifySourceAttestation(payload, attest("ed25519"), key as string)).toEqual({
        valid: false,
        reason: "publicKey must be a PEM SPKI public key",
      });
    }
    expect(
      verifySourceAttestation(payload, attest("ed25519"), ed.publicKey as unknown as string),
    ).toEqual({ valid: true });
  });

  it("verifies string and byte payloads as received", () => {
    const text = '{"raw": "json as sent"}';
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46]);
    for (const evidence of [text, bytes]) {
      const hash = hashEvidencePayload(evidence);
      const attestation = attest("ed25519", {
        payloadHash: hash,
        signature: sign(null, Buffer.from(hash), ed.privateKey).toString("base64"),
      });
      expect(verifySourceAttestation(evidence, attestation, signers.ed25519.publicKey).valid).toBe(
        true,
      );
    }
  });

  it("never throws on hostile input", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    const good = attest("ed25519");
    const throwing = Object.defineProperty({ ...good }, "signature", {
      enumerable: true,
      get() {
        throw new TypeError("boom");
      },
    });
    const cases: [unknown, unknown][] = [
      [payload, null],
      [payload, []],
      [payload, "attestation"],
      [payload, { ...good, source: 5 }],
      [payload, { ...good, signedAt: undefined }],
      [payload, { ...good, keyId: 5 }],
      [payload, { ...good, payloadHash: "sha256:abc" }],
      [payload, Object.create(good)],
      [payload, throwing],
      [cyclic, good],
      [Number.NaN, good],
      [undefined, good],
      [1n, good],
      [JSON.parse('{"__proto__": {"x": 1}}'), good],
    ];
    for (const [evidence, attestation] of cases) {
      const result = verifySourceAttestation(
        evidence,
        attestation as SourceAttestation,
        signers.ed25519.publicKey,
      );
      expect(result.valid).toBe(false);
      expect(typeof result.reason).toBe("string");
    }
  });
});
