// Goldens of every signed format core produces besides the attestation (test/verify/golden.test.ts
// covers that one): committed once by test/fixtures/golden/formats/generate.ts, they must keep
// verifying in every later version, and today's code must rebuild their signing inputs byte for
// byte. A change to any of these formats therefore fails here, never silently.
import { createPublicKey, verify as nodeVerify } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  canonicalizeForSigning,
  LocalVerifier,
  overrideSigningInput,
  rotationSigningInput,
  SIGNING_DOMAINS,
  verifyBundle,
  verifyExecutionIntegrity,
  verifyOverride,
  walkTrustChain,
  type ExecutionAttestation,
  type ExecutionIntegrityProof,
  type OverrideRecord,
  type TrustRoot,
} from "@parmanasystems/core";

const path = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/golden/formats/${name}`, import.meta.url));
const text = (name: string): string => readFileSync(path(name), "utf8");
const json = <T>(name: string): T => JSON.parse(text(name)) as T;

const issuerPem = text("issuer-public-key.pem");
const issuer = new LocalVerifier(issuerPem);

/** Checks a signature with node:crypto alone, independent of core's verifiers. */
function rawVerify(signingInput: string, signature: string, publicKeyPem: string): boolean {
  return nodeVerify(
    null,
    Buffer.from(signingInput, "utf8"),
    createPublicKey(publicKeyPem),
    Buffer.from(signature, "base64"),
  );
}

describe("golden override record", () => {
  const attestation = json<ExecutionAttestation>("override-attestation.json");
  const record = json<OverrideRecord>("override-record.json");
  const signingInput = text("override-signing-input.txt");

  it("verifies against its attestation", () => {
    const result = verifyOverride(record, attestation, issuer);
    expect(result.valid).toBe(true);
    expect(result.errors).toEqual([]);
  });

  it("reproduces the committed signing input, whose signature node:crypto accepts", () => {
    expect(overrideSigningInput(record)).toBe(signingInput);
    expect(signingInput.startsWith(`{"domain":"${SIGNING_DOMAINS.override}",`)).toBe(true);
    expect(rawVerify(signingInput, record.signature, issuerPem)).toBe(true);
  });

  it("fails when the approver changes", () => {
    const tampered = { ...record, approved_by: "mallory@example.com" };
    expect(verifyOverride(tampered, attestation, issuer).valid).toBe(false);
  });
});

describe("golden execution integrity proof", () => {
  const attestation = json<ExecutionAttestation>("integrity-attestation.json");
  const proof = json<ExecutionIntegrityProof>("integrity-proof.json");
  const signingInput = text("integrity-signing-input.txt");

  it("verifies against its attestation", () => {
    const result = verifyExecutionIntegrity(proof, issuer, attestation);
    expect(result.valid).toBe(true);
    expect(proof.match).toBe(true);
  });

  it("reproduces the committed signing input, whose signature node:crypto accepts", () => {
    const { signature, ...payload } = proof;
    expect(canonicalizeForSigning(payload, SIGNING_DOMAINS.audit)).toBe(signingInput);
    expect(rawVerify(signingInput, signature, issuerPem)).toBe(true);
  });

  it("fails when the executed action changes", () => {
    const tampered = { ...proof, executedAction: { ...proof.executedAction, action: "reject" } };
    expect(verifyExecutionIntegrity(tampered, issuer, attestation).valid).toBe(false);
  });
});

describe("golden trust-root rotation", () => {
  const root1 = json<TrustRoot>("trust-root.1.json");
  const root2 = json<TrustRoot>("trust-root.2.json");
  const signingInput = text("rotation-signing-input.txt");
  const record = root2.rotations?.at(-1);
  const rootKeyPem = root1.keys.find((key) => key.keyId === record?.signedBy)?.publicKey;

  it("walks from root 1 to root 2", () => {
    expect(walkTrustChain(root1, [root2]).trustRootVersion).toBe("2");
  });

  it("reproduces the committed signing input, whose signature node:crypto accepts", () => {
    expect(record).toBeDefined();
    expect(rootKeyPem).toBeDefined();
    expect(rotationSigningInput(record!)).toBe(signingInput);
    expect(rawVerify(signingInput, record!.signature, rootKeyPem!)).toBe(true);
  });

  it("refuses root 2 when a key it adds is changed", () => {
    const keys = root2.keys.map((key, index) =>
      index === root2.keys.length - 1 ? { ...key, validFrom: "2026-01-02T00:00:00Z" } : key,
    );
    expect(() => walkTrustChain(root1, [{ ...root2, keys }])).toThrow(
      /^\[TRUST-002\] .*newRootHash/,
    );
  });
});

describe("golden signed policy bundle", () => {
  const dir = path("bundle/loan-approval/1.0.0");
  const bundlePem = text("bundle-public-key.pem");
  const signingInput = text("bundle-signing-input.txt");
  const manifest: unknown = JSON.parse(text("bundle/loan-approval/1.0.0/bundle.manifest.json"));
  const sig = json<{ signature: string }>("bundle/loan-approval/1.0.0/bundle.sig");

  it("verifies: content hashes and manifest signature", () => {
    const result = verifyBundle(dir, new LocalVerifier(bundlePem));
    expect(result.valid).toBe(true);
  });

  it("reproduces the committed signing input, whose signature node:crypto accepts", () => {
    expect(canonicalizeForSigning(manifest, SIGNING_DOMAINS.manifest)).toBe(signingInput);
    expect(rawVerify(signingInput, sig.signature, bundlePem)).toBe(true);
  });

  it("is refused under another key", () => {
    expect(verifyBundle(dir, issuer).valid).toBe(false);
  });
});
