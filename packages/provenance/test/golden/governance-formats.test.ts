// Goldens of the provenance package's formats: a governance proof bundle (signed), a verification
// bundle and a lineage chain (hash-sealed). Committed once by test/fixtures/golden/generate.ts,
// they must keep verifying in every later version, and the bytes behind each signature and hash,
// rebuilt here independently with core's canonicalizer and node:crypto, must not change. A format
// change therefore fails here, never silently.
import { createHash, createPublicKey, verify as nodeVerify } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SIGNING_DOMAINS, canonicalize, canonicalizeForSigning } from "@parmanasystems/core";
import {
  checkVerificationBundle,
  hashVerificationBundle,
  verifyGovernanceProof,
  verifyGovernanceProofBundle,
  verifyLineageChain,
  type GovernanceProofBundle,
  type LineageEvent,
  type VerificationBundle,
} from "@parmanasystems/provenance";

const text = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/golden/${name}`, import.meta.url)), "utf8");
const json = <T>(name: string): T => JSON.parse(text(name)) as T;
const sha256 = (input: string): string =>
  `sha256:${createHash("sha256").update(input, "utf8").digest("hex")}`;

const publicKeyPem = text("governance-public-key.pem");
const publicKey = createPublicKey(publicKeyPem);

describe("golden lineage chain", () => {
  const chain = json<LineageEvent[]>("lineage-chain.json");

  it("verifies as an intact chain", () => {
    expect(chain).toHaveLength(5);
    expect(verifyLineageChain(chain)).toEqual({ valid: true, errors: [] });
  });

  it("each lineageHash is SHA-256 of the domain-separated canonical body, linked to the previous", () => {
    chain.forEach((event, index) => {
      const body = {
        type: event.type,
        timestamp: event.timestamp,
        payloadHash: event.payloadHash,
        previousHash: event.previousHash,
        ...(event.metadata === undefined ? {} : { metadata: event.metadata }),
      };
      expect(event.lineageHash).toBe(sha256(canonicalizeForSigning(body, SIGNING_DOMAINS.lineage)));
      expect(event.eventId).toBe(event.lineageHash);
      expect(event.previousHash).toBe(index === 0 ? null : chain[index - 1]!.lineageHash);
    });
  });

  it("breaks when an event is dropped", () => {
    expect(verifyLineageChain([chain[0]!, ...chain.slice(2)]).valid).toBe(false);
  });
});

describe("golden governance proof bundle", () => {
  const bundle = json<GovernanceProofBundle>("proof-bundle.json");
  const signingInput = text("proof-bundle-signing-input.txt");

  it("verifies with its public key, and through the independent verifier", () => {
    expect(verifyGovernanceProofBundle({ bundle, publicKey })).toEqual({ valid: true, errors: [] });
    expect(verifyGovernanceProof({ bundle, publicKey }).valid).toBe(true);
  });

  it("manifestHash covers the content under the proof-bundle domain", () => {
    const manifest = {
      schemaVersion: bundle.schemaVersion,
      generatedAt: bundle.generatedAt,
      lineage: bundle.lineage,
      replay: bundle.replay,
      replayHash: bundle.replayHash,
    };
    expect(bundle.manifestHash).toBe(
      sha256(canonicalizeForSigning({ manifest }, SIGNING_DOMAINS.proofBundle)),
    );
  });

  it("rebuilds the committed signing input, whose signature node:crypto accepts", () => {
    const rebuilt = canonicalizeForSigning(
      {
        algorithm: "ed25519",
        keyId: bundle.signature.keyId,
        payload: canonicalize({
          schemaVersion: bundle.schemaVersion,
          generatedAt: bundle.generatedAt,
          replayHash: bundle.replayHash,
          manifestHash: bundle.manifestHash,
        }),
      },
      SIGNING_DOMAINS.proofBundle,
    );
    expect(rebuilt).toBe(signingInput);
    const signature = Buffer.from(bundle.signature.signature, "base64");
    expect(nodeVerify(null, Buffer.from(signingInput, "utf8"), publicKey, signature)).toBe(true);
  });

  it("is refused when generatedAt changes", () => {
    const tampered = { ...bundle, generatedAt: "2024-05-01T10:06:00.001Z" };
    expect(verifyGovernanceProofBundle({ bundle: tampered, publicKey }).valid).toBe(false);
  });
});

describe("golden verification bundle", () => {
  const bundle = json<VerificationBundle>("verification-bundle.json");

  it("passes every consistency check", () => {
    expect(checkVerificationBundle(bundle).valid).toBe(true);
  });

  it("bundleHash is SHA-256 of the canonical bundle without it", () => {
    const { bundleHash, ...content } = bundle;
    expect(bundleHash).toBe(sha256(canonicalize(content)));
    expect(hashVerificationBundle(content)).toBe(bundleHash);
  });

  it("is refused when the receipt's executor changes", () => {
    const tampered = {
      ...bundle,
      executionReceipt: { ...bundle.executionReceipt!, executorIdentity: "someone-else" },
    };
    expect(checkVerificationBundle(tampered).valid).toBe(false);
  });
});
