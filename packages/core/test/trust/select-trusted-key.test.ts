import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  LocalSigner,
  SIGNING_DOMAINS,
  canonicalizeForSigning,
  createTrustRoot,
  createTrustRootKey,
  createTrustRootVerifier,
  selectTrustedKey,
  type TrustedKeySelection,
} from "@parmanasystems/core";
import { fixtureKey, signedPayload, trustKey } from "../helpers/trust-fixtures.js";

const k1 = fixtureKey(1, "k1");
const k2 = fixtureKey(2, "k2");
const root = createTrustRoot({
  trustRootVersion: "7",
  keys: [
    trustKey(k1, ["attestation"], {
      validFrom: "2026-01-01T00:00:00Z",
      validUntil: "2026-12-31T00:00:00Z",
      revokedAt: "2026-06-01T00:00:00Z",
    }),
    trustKey(k2, ["manifest"], { validFrom: "2026-01-01T00:00:00Z" }),
  ],
});

function refusal(selection: TrustedKeySelection): string | undefined {
  return selection.ok ? undefined : selection.code;
}

describe("selectTrustedKey", () => {
  it("chooses the named key inside its validity for its purpose", () => {
    const choice = selectTrustedKey(root, "k1", {
      at: "2026-03-01T00:00:00Z",
      purpose: "attestation",
    });
    expect(choice.ok).toBe(true);
    if (choice.ok) {
      expect(choice.key.keyId).toBe("k1");
      expect(choice.verifier.algorithm).toBe("ed25519");
    }
  });

  it.each([
    ["unknown key", "k9", "2026-03-01T00:00:00Z", "attestation", "TRUST-020"],
    ["wrong purpose", "k2", "2026-03-01T00:00:00Z", "attestation", "TRUST-024"],
    ["unparseable time", "k1", "March 1st", "attestation", "TRUST-025"],
    ["revoked exactly at the time", "k1", "2026-06-01T00:00:00Z", "attestation", "TRUST-021"],
    ["revoked before the time", "k1", "2026-06-01T00:00:00.001Z", "attestation", "TRUST-021"],
    ["not yet valid", "k1", "2025-12-31T23:59:59.999Z", "attestation", "TRUST-022"],
    ["valid from exactly validFrom", "k1", "2026-01-01T00:00:00Z", "attestation", undefined],
    [
      "one millisecond before revocation",
      "k1",
      "2026-05-31T23:59:59.999Z",
      "attestation",
      undefined,
    ],
  ] as const)("%s", (_name, keyId, at, purpose, code) => {
    expect(refusal(selectTrustedKey(root, keyId, { at, purpose }))).toBe(code);
  });

  it("expired at validUntil (exclusive)", () => {
    const expiring = createTrustRoot({
      keys: [trustKey(k1, ["attestation"], { validUntil: "2026-06-01T00:00:00Z" })],
    });
    expect(
      refusal(
        selectTrustedKey(expiring, "k1", { at: "2026-06-01T00:00:00Z", purpose: "attestation" }),
      ),
    ).toBe("TRUST-023");
    expect(
      refusal(
        selectTrustedKey(expiring, "k1", { at: "2026-05-31T23:59:59Z", purpose: "attestation" }),
      ),
    ).toBeUndefined();
  });

  it("accepts any of several purposes and a Date for the time", () => {
    expect(
      refusal(
        selectTrustedKey(root, "k2", {
          at: new Date("2026-03-01T00:00:00Z"),
          purpose: ["manifest", "bundle"],
        }),
      ),
    ).toBeUndefined();
    expect(
      refusal(selectTrustedKey(root, "k2", { at: new Date(Number.NaN), purpose: "manifest" })),
    ).toBe("TRUST-025");
  });

  it("says why in the reason", () => {
    const choice = selectTrustedKey(root, "k1", {
      at: "2026-07-01T00:00:00Z",
      purpose: "attestation",
    });
    expect(choice).toEqual({
      ok: false,
      code: "TRUST-021",
      reason:
        "key k1 was revoked at 2026-06-01T00:00:00Z, at or before the signing time 2026-07-01T00:00:00.000Z",
    });
  });
});

describe("createTrustRootVerifier", () => {
  it("chooses the key by signerKeyId at issuedAt, with a reason when refused", () => {
    const verifier = createTrustRootVerifier(root);
    const before = signedPayload(k1, "2026-05-01T00:00:00Z");
    const after = signedPayload(k1, "2026-07-01T00:00:00Z");
    expect(verifier.verify(before.signingInput, before.signature)).toBe(true);
    expect(verifier.verify(after.signingInput, after.signature)).toBe(false);
    expect(verifier.explain(after.signingInput, after.signature)).toMatchObject({
      valid: false,
      keyId: "k1",
      code: "TRUST-021",
    });
    expect(verifier.trustRootVersion).toBe("7");
  });

  it("refuses a signature by another key under the named key id (TRUST-026)", () => {
    const impostor = fixtureKey(9, "k1");
    const forged = signedPayload(impostor, "2026-05-01T00:00:00Z");
    expect(
      createTrustRootVerifier(root).explain(forged.signingInput, forged.signature),
    ).toMatchObject({ valid: false, code: "TRUST-026" });
  });

  it("refuses a key used outside its purpose: a manifest key cannot sign attestations", () => {
    const misuse = signedPayload(k2, "2026-05-01T00:00:00Z");
    expect(
      createTrustRootVerifier(root).explain(misuse.signingInput, misuse.signature),
    ).toMatchObject({ valid: false, code: "TRUST-024" });
  });

  it("tries every suitable key when the payload names none (bundle manifests)", () => {
    const signingInput = canonicalizeForSigning({ policyId: "p" }, SIGNING_DOMAINS.manifest);
    const signature = k2.signer.sign(signingInput);
    const verifier = createTrustRootVerifier(root, { at: "2026-03-01T00:00:00Z" });
    expect(verifier.explain(signingInput, signature)).toEqual({ valid: true, keyId: "k2" });
    expect(verifier.verify(signingInput, k1.signer.sign(signingInput))).toBe(false);
  });

  it("uses the injected clock when the payload carries no time", () => {
    const signingInput = canonicalizeForSigning({ policyId: "p" }, SIGNING_DOMAINS.manifest);
    const signature = k2.signer.sign(signingInput);
    const early = createTrustRootVerifier(root, { clock: () => new Date("2025-06-01T00:00:00Z") });
    expect(early.explain(signingInput, signature)).toMatchObject({
      valid: false,
      code: "TRUST-022",
    });
  });

  it("reads a clock that returns epoch milliseconds; one that reads no instant is TRUST-025", () => {
    const signingInput = canonicalizeForSigning({ policyId: "p" }, SIGNING_DOMAINS.manifest);
    const signature = k2.signer.sign(signingInput);
    const early = createTrustRootVerifier(root, { clock: () => Date.UTC(2025, 5, 1) });
    expect(early.explain(signingInput, signature)).toMatchObject({
      valid: false,
      code: "TRUST-022",
    });
    const late = createTrustRootVerifier(root, { clock: () => Date.UTC(2026, 2, 1) });
    expect(late.explain(signingInput, signature)).toEqual({ valid: true, keyId: "k2" });
    for (const reading of [new Date(Number.NaN), Number.NaN, "2026-03-01T00:00:00Z"]) {
      const broken = createTrustRootVerifier(root, { clock: (() => reading) as never });
      expect(broken.explain(signingInput, signature)).toMatchObject({
        valid: false,
        code: "TRUST-025",
      });
    }
  });

  it("verifies ECDSA P-256 signatures with the algorithm of the trusted key", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const kms = createTrustRootKey(publicKey, {
      keyId: "kms-1",
      purposes: ["attestation"],
      validFrom: "2026-01-01T00:00:00Z",
    });
    expect(kms.algorithm).toBe("ecdsa-p256-sha256");
    const verifier = createTrustRootVerifier(createTrustRoot({ keys: [kms] }));
    const signingInput = canonicalizeForSigning(
      { signerKeyId: "kms-1", issuedAt: "2026-02-01T00:00:00Z" },
      SIGNING_DOMAINS.attestation,
    );
    const signature = new LocalSigner(privateKey).sign(signingInput);
    expect(verifier.verify(signingInput, signature)).toBe(true);
    expect(verifier.verify(signingInput.replace("2026-02", "2026-03"), signature)).toBe(false);
  });
});
