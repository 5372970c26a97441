import { generateKeyPairSync, verify as nodeVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ProvenanceError,
  SIGNING_DOMAINS,
  canonicalize,
  generateP256KeyPair,
} from "@parmanasystems/core";
import {
  exportPublicKey,
  generateGovernanceKeyPair,
  importPublicKey,
  signGovernancePayload,
  verifyGovernanceSignature,
  type GovernanceSigningDomain,
} from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const { privateKey, publicKey } = generateGovernanceKeyPair();
const payload = canonicalize({ replayHash: `sha256:${"ab".repeat(32)}`, eventCount: 5 });
const DOMAINS: GovernanceSigningDomain[] = [
  SIGNING_DOMAINS.lineage,
  SIGNING_DOMAINS.authority,
  SIGNING_DOMAINS.proofBundle,
  SIGNING_DOMAINS.receipt,
];

describe("signGovernancePayload / verifyGovernanceSignature", () => {
  it("signs and verifies under the proof-bundle domain when it is named on both sides", () => {
    const signature = signGovernancePayload({
      payload,
      privateKey,
      keyId: "gov-1",
      domain: SIGNING_DOMAINS.proofBundle,
    });
    expect(signature.algorithm).toBe("ed25519");
    expect(signature.keyId).toBe("gov-1");
    expect(signature.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    // Verification without a domain checks the generic governance domain, not the proof bundle's.
    expect(verifyGovernanceSignature({ payload, signature, publicKey })).toBe(false);
    expect(
      verifyGovernanceSignature({
        payload,
        signature,
        publicKey,
        domain: SIGNING_DOMAINS.proofBundle,
      }),
    ).toBe(true);
  });

  it("signs exactly JCS({ domain, payload: { algorithm, keyId, payload } }) (checked with node:crypto directly)", () => {
    const signature = signGovernancePayload({
      payload,
      privateKey,
      keyId: "gov-1",
      domain: SIGNING_DOMAINS.lineage,
    });
    const signed = `{"domain":"PARMANA_LINEAGE_V1","payload":{"algorithm":"ed25519","keyId":"gov-1","payload":${JSON.stringify(payload)}}}`;
    expect(
      nodeVerify(
        null,
        Buffer.from(signed, "utf8"),
        publicKey,
        Buffer.from(signature.signature, "base64"),
      ),
    ).toBe(true);
  });

  it("without a domain signs under the generic governance domain, never the proof bundle's", () => {
    const signature = signGovernancePayload({ payload, privateKey, keyId: "k" });
    expect(verifyGovernanceSignature({ payload, signature, publicKey })).toBe(true);
    expect(
      verifyGovernanceSignature({
        payload,
        signature,
        publicKey,
        domain: SIGNING_DOMAINS.proofBundle,
      }),
    ).toBe(false);
  });

  it("is deterministic (Ed25519)", () => {
    expect(
      signGovernancePayload({
        payload,
        privateKey,
        keyId: "k",
        domain: SIGNING_DOMAINS.proofBundle,
      }),
    ).toEqual(
      signGovernancePayload({
        payload,
        privateKey,
        keyId: "k",
        domain: SIGNING_DOMAINS.proofBundle,
      }),
    );
  });

  it.each(
    DOMAINS.flatMap((signedUnder) =>
      DOMAINS.filter((other) => other !== signedUnder).map(
        (checkedUnder) => [signedUnder, checkedUnder] as const,
      ),
    ),
  )("a signature made under %s never verifies under %s", (signedUnder, checkedUnder) => {
    const signature = signGovernancePayload({
      payload,
      privateKey,
      keyId: "gov-1",
      domain: signedUnder,
    });
    expect(verifyGovernanceSignature({ payload, signature, publicKey, domain: signedUnder })).toBe(
      true,
    );
    expect(verifyGovernanceSignature({ payload, signature, publicKey, domain: checkedUnder })).toBe(
      false,
    );
  });

  it("a lineage signature does not verify under the default domain", () => {
    const signature = signGovernancePayload({
      payload,
      privateKey,
      keyId: "gov-1",
      domain: SIGNING_DOMAINS.lineage,
    });
    expect(verifyGovernanceSignature({ payload, signature, publicKey })).toBe(false);
  });

  it("rejects a changed payload, keyId, algorithm, signature, or another key", () => {
    const signature = signGovernancePayload({
      payload,
      privateKey,
      keyId: "gov-1",
      domain: SIGNING_DOMAINS.proofBundle,
    });
    const other = generateGovernanceKeyPair();
    expect(
      verifyGovernanceSignature({ payload: canonicalize({ eventCount: 6 }), signature, publicKey }),
    ).toBe(false);
    expect(
      verifyGovernanceSignature({
        payload,
        signature: { ...signature, keyId: "gov-2" },
        publicKey,
      }),
    ).toBe(false);
    expect(
      verifyGovernanceSignature({
        payload,
        signature: { ...signature, algorithm: "ecdsa" as never },
        publicKey,
      }),
    ).toBe(false);
    const bytes = Buffer.from(signature.signature, "base64");
    bytes[0] = bytes[0]! ^ 1;
    expect(
      verifyGovernanceSignature({
        payload,
        signature: { ...signature, signature: bytes.toString("base64") },
        publicKey,
      }),
    ).toBe(false);
    expect(verifyGovernanceSignature({ payload, signature, publicKey: other.publicKey })).toBe(
      false,
    );
  });

  it("returns false for malformed signed data without throwing", () => {
    const signature = signGovernancePayload({
      payload,
      privateKey,
      keyId: "gov-1",
      domain: SIGNING_DOMAINS.proofBundle,
    });
    const bad: unknown[] = [
      null,
      "sig",
      {},
      { ...signature, signature: "not base64!" },
      { ...signature, signature: `${signature.signature.slice(0, -2)}A=` },
      { ...signature, signature: "" },
      { ...signature, keyId: 7 },
      { ...signature, keyId: "\ud800" },
      { ...signature, extra: 1 },
    ];
    for (const value of bad)
      expect(verifyGovernanceSignature({ payload, signature: value as never, publicKey })).toBe(
        false,
      );
    for (const value of [undefined, 1, { a: 1 }, Buffer.from(payload)]) {
      expect(verifyGovernanceSignature({ payload: value as never, signature, publicKey })).toBe(
        false,
      );
    }
  });

  it.each([
    ["non-canonical JSON (key order)", '{"b":1,"a":2}'],
    ["non-canonical JSON (whitespace)", '{ "a": 1 }'],
    ["not JSON", "hello"],
    ["a number formatted non-canonically", "1.0"],
    ["not a string", { a: 1 }],
  ])("refuses to sign %s (PROV-024)", (_name, value) => {
    expectParmanaError(
      () =>
        signGovernancePayload({
          payload: value as never,
          privateKey,
          keyId: "k",
          domain: SIGNING_DOMAINS.proofBundle,
        }),
      "PROV-024",
      ProvenanceError,
      /canonical JSON/,
    );
  });

  it("refuses an empty keyId, a lone-surrogate keyId and a foreign domain (PROV-024)", () => {
    expectParmanaError(
      () =>
        signGovernancePayload({
          payload,
          privateKey,
          keyId: "",
          domain: SIGNING_DOMAINS.proofBundle,
        }),
      "PROV-024",
      ProvenanceError,
      /keyId must be a non-empty string/,
    );
    expectParmanaError(
      () =>
        signGovernancePayload({
          payload,
          privateKey,
          keyId: "\ud800",
          domain: SIGNING_DOMAINS.proofBundle,
        }),
      "PROV-024",
      ProvenanceError,
      /keyId is not valid Unicode/,
    );
    for (const domain of [
      SIGNING_DOMAINS.attestation,
      SIGNING_DOMAINS.manifest,
      "PARMANA_LINEAGE_V2",
      5,
    ]) {
      expectParmanaError(
        () => signGovernancePayload({ payload, privateKey, keyId: "k", domain: domain as never }),
        "PROV-024",
        ProvenanceError,
        /domain must be one of/,
      );
      expectParmanaError(
        () =>
          verifyGovernanceSignature({
            payload,
            signature: { algorithm: "ed25519", keyId: "k", signature: "" },
            publicKey,
            domain: domain as never,
          }),
        "PROV-024",
        ProvenanceError,
      );
    }
  });

  it("refuses keys that are not Ed25519 keys of the right type (PROV-025)", () => {
    const p256 = generateP256KeyPair();
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    for (const key of [
      publicKey,
      p256.privateKey,
      rsa.privateKey,
      "-----BEGIN PRIVATE KEY-----",
      null,
      { type: "private", export() {} },
    ]) {
      expectParmanaError(
        () =>
          signGovernancePayload({
            payload,
            privateKey: key as never,
            keyId: "k",
            domain: SIGNING_DOMAINS.proofBundle,
          }),
        "PROV-025",
        ProvenanceError,
      );
    }
    const signature = signGovernancePayload({
      payload,
      privateKey,
      keyId: "k",
      domain: SIGNING_DOMAINS.proofBundle,
    });
    for (const key of [
      privateKey,
      p256.publicKey,
      rsa.publicKey,
      exportPublicKey(publicKey),
      undefined,
    ]) {
      expectParmanaError(
        () => verifyGovernanceSignature({ payload, signature, publicKey: key as never }),
        "PROV-025",
        ProvenanceError,
      );
    }
    const fake = { type: "private", asymmetricKeyType: "ed25519", export: () => "" };
    expectParmanaError(
      () =>
        signGovernancePayload({
          payload,
          privateKey: fake as never,
          keyId: "k",
          domain: SIGNING_DOMAINS.proofBundle,
        }),
      "PROV-025",
      ProvenanceError,
      /cannot sign/,
    );
  });
});

describe("exportPublicKey / importPublicKey / generateGovernanceKeyPair", () => {
  it("round-trips a public key through PEM", () => {
    const pem = exportPublicKey(publicKey);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const imported = importPublicKey(pem);
    const signature = signGovernancePayload({ payload, privateKey, keyId: "k" });
    expect(verifyGovernanceSignature({ payload, signature, publicKey: imported })).toBe(true);
    expect(exportPublicKey(privateKey)).toBe(pem);
  });

  it("generates distinct Ed25519 pairs", () => {
    const a = generateGovernanceKeyPair();
    const b = generateGovernanceKeyPair();
    expect(a.privateKey.asymmetricKeyType).toBe("ed25519");
    expect(a.publicKey.type).toBe("public");
    expect(exportPublicKey(a.publicKey)).not.toBe(exportPublicKey(b.publicKey));
  });

  it("importPublicKey refuses private keys, other algorithms and garbage (PROV-025)", () => {
    const privatePem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const p256Pem = generateP256KeyPair().publicKeyPem;
    for (const value of [
      privatePem,
      p256Pem,
      "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
      "",
      null,
      5,
    ]) {
      expectParmanaError(
        () => importPublicKey(value as never),
        "PROV-025",
        ProvenanceError,
        /^\[PROV-025\] importPublicKey: /,
      );
    }
  });

  it("exportPublicKey refuses non-Ed25519 keys and non-keys (PROV-025)", () => {
    for (const value of [generateP256KeyPair().publicKey, "pem", null]) {
      expectParmanaError(() => exportPublicKey(value as never), "PROV-025", ProvenanceError);
    }
  });
});
