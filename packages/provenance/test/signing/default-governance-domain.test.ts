// signGovernancePayload called as the product reference documents it (no domain) signs under the
// generic governance domain PARMANA_GOVERNANCE_V1. That signature verifies with the matching
// governance verification only: no artifact verifier accepts it, even when the signed payload is
// exactly the bytes that verifier checks (a transplant attempt).
import { createPrivateKey, createPublicKey, verify as nodeVerify } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POLICIES_ROOT_ENV } from "@parmanasystems/core/internal";
import {
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
  SIGNING_DOMAINS,
  attestationSigningInput,
  canonicalize,
  canonicalizeForSigning,
  executeFromSignals,
  generateKeyPair,
  verifyAttestation,
  type SigningDomain,
} from "@parmanasystems/core";
import {
  createGovernanceProofBundle,
  generateGovernanceKeyPair,
  replayLineage,
  signGovernancePayload,
  verifyGovernanceProof,
  verifyGovernanceProofBundle,
  verifyGovernanceSignature,
  type GovernanceSigningDomain,
} from "@parmanasystems/provenance";
import { happyLineage } from "../helpers/lifecycle-fixtures.js";

const { privateKey, publicKey } = generateGovernanceKeyPair();
const payload = canonicalize({ replayHash: `sha256:${"ab".repeat(32)}`, eventCount: 5 });
const ARTIFACT_GOVERNANCE_DOMAINS: GovernanceSigningDomain[] = [
  SIGNING_DOMAINS.lineage,
  SIGNING_DOMAINS.authority,
  SIGNING_DOMAINS.proofBundle,
  SIGNING_DOMAINS.receipt,
];

describe("signGovernancePayload without a domain (as the product reference calls it)", () => {
  it("signs, and the signature verifies with verifyGovernanceSignature called the same way", () => {
    const signature = signGovernancePayload({ payload, privateKey, keyId: "gov-2024" });
    expect(signature.algorithm).toBe("ed25519");
    expect(signature.keyId).toBe("gov-2024");
    expect(verifyGovernanceSignature({ payload, signature, publicKey })).toBe(true);
    expect(
      verifyGovernanceSignature({
        payload,
        signature,
        publicKey,
        domain: SIGNING_DOMAINS.governance,
      }),
    ).toBe(true);
    // Same bytes as naming the generic domain explicitly (Ed25519 is deterministic).
    expect(
      signGovernancePayload({
        payload,
        privateKey,
        keyId: "gov-2024",
        domain: SIGNING_DOMAINS.governance,
      }),
    ).toEqual(signature);
  });

  it("signs exactly JCS({ domain: PARMANA_GOVERNANCE_V1, payload: { algorithm, keyId, payload } })", () => {
    const signature = signGovernancePayload({ payload, privateKey, keyId: "gov-2024" });
    const signed = `{"domain":"PARMANA_GOVERNANCE_V1","payload":{"algorithm":"ed25519","keyId":"gov-2024","payload":${JSON.stringify(payload)}}}`;
    expect(
      nodeVerify(
        null,
        Buffer.from(signed, "utf8"),
        publicKey,
        Buffer.from(signature.signature, "base64"),
      ),
    ).toBe(true);
  });

  it.each(ARTIFACT_GOVERNANCE_DOMAINS)(
    "a default signature does not verify under %s, nor does one made under it verify by default",
    (domain) => {
      const generic = signGovernancePayload({ payload, privateKey, keyId: "gov-2024" });
      expect(verifyGovernanceSignature({ payload, signature: generic, publicKey, domain })).toBe(
        false,
      );
      const named = signGovernancePayload({ payload, privateKey, keyId: "gov-2024", domain });
      expect(verifyGovernanceSignature({ payload, signature: named, publicKey })).toBe(false);
    },
  );

  it("no other signing domain accepts a default signature, whatever payload was signed", () => {
    const verifier = new LocalVerifier(publicKey);
    const others = [...new Set<SigningDomain>(Object.values(SIGNING_DOMAINS))].filter(
      (domain) => domain !== SIGNING_DOMAINS.governance,
    );
    expect(others.length).toBeGreaterThanOrEqual(11);
    for (const domain of others) {
      // The attacker's best try: have the app sign, without a domain, the very signing input an
      // artifact verifier of `domain` checks, or the inner object the governance envelope wraps.
      const artifactInput = canonicalizeForSigning({ executionId: "loan-42" }, domain);
      const transplant = signGovernancePayload({
        payload: artifactInput,
        privateKey,
        keyId: "gov-2024",
      });
      expect(verifier.verify(artifactInput, transplant.signature), domain).toBe(false);
      const wrapped = signGovernancePayload({ payload, privateKey, keyId: "gov-2024" });
      const inner = { algorithm: "ed25519", keyId: "gov-2024", payload };
      expect(
        verifier.verify(canonicalizeForSigning(inner, domain), wrapped.signature),
        domain,
      ).toBe(false);
      expect(
        verifier.verify(
          canonicalizeForSigning(inner, SIGNING_DOMAINS.governance),
          wrapped.signature,
        ),
      ).toBe(true);
    }
  });
});

describe("cross-domain transplants into real artifact verifiers", () => {
  it("a proof bundle whose signature was made without a domain is refused", () => {
    const lineage = happyLineage();
    const bundle = createGovernanceProofBundle({
      lineage,
      replay: replayLineage(lineage),
      privateKey,
      keyId: "gov-2024",
    });
    expect(verifyGovernanceProofBundle({ bundle, publicKey }).valid).toBe(true);
    // The app signs, without a domain, exactly the payload a proof-bundle signature covers.
    const signedPayload = canonicalize({
      schemaVersion: bundle.schemaVersion,
      generatedAt: bundle.generatedAt,
      replayHash: bundle.replayHash,
      manifestHash: bundle.manifestHash,
    });
    expect(
      verifyGovernanceSignature({
        payload: signedPayload,
        signature: bundle.signature,
        publicKey,
        domain: SIGNING_DOMAINS.proofBundle,
      }),
    ).toBe(true);
    const transplanted = {
      ...bundle,
      signature: signGovernancePayload({ payload: signedPayload, privateKey, keyId: "gov-2024" }),
    };
    const result = verifyGovernanceProofBundle({ bundle: transplanted, publicKey });
    expect(result.valid).toBe(false);
    expect(result.errors.join(" ")).toMatch(/signature does not verify/);
    const independent = verifyGovernanceProof({ bundle: transplanted, publicKey });
    expect(independent.valid).toBe(false);
    expect(independent.verification.signatureValid).toBe(false);
  });

  describe("attestations", () => {
    const root = fileURLToPath(new URL("../../../core/test/fixtures/policies", import.meta.url));
    let previousRoot: string | undefined;
    beforeAll(() => {
      previousRoot = process.env[POLICIES_ROOT_ENV];
      process.env[POLICIES_ROOT_ENV] = root;
    });
    afterAll(() => {
      if (previousRoot === undefined) delete process.env[POLICIES_ROOT_ENV];
      else process.env[POLICIES_ROOT_ENV] = previousRoot;
    });

    it("an attestation carrying a default governance signature over its own signing input is refused", async () => {
      const keys = generateKeyPair();
      const verifier = new LocalVerifier(keys.publicKeyPem);
      const attestation = await executeFromSignals(
        {
          policyId: "personal-loan",
          policyVersion: "1.0.0",
          signals: { monthly_income: 82000, cibil_score: 742, employed: true },
        },
        new LocalSigner(keys.privateKeyPem),
        verifier,
        undefined,
        new MemoryReplayStore(),
      );
      expect((await verifyAttestation(attestation, verifier)).valid).toBe(true);
      // Same key material as a governance KeyObject: the app's governance key is its signing key.
      const governanceKey = createPrivateKey(keys.privateKeyPem);
      expect(createPublicKey(governanceKey).export({ type: "spki", format: "pem" })).toBe(
        keys.publicKeyPem,
      );
      const forged = signGovernancePayload({
        payload: attestationSigningInput(attestation),
        privateKey: governanceKey,
        keyId: "gov-2024",
      });
      const transplanted = { ...attestation, signature: forged.signature };
      expect((await verifyAttestation(transplanted, verifier)).valid).toBe(false);
    });
  });
});
