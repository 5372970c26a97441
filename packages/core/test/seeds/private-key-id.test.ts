// The adapters guide's KMSSigner keeps its key ARN in `private keyId`. TypeScript's `private` is
// gone at run time, so a library that read `signer.keyId` would copy the ARN into every
// attestation's signerKeyId. This proves core reads only the documented `signerKeyId`.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
  type Signer,
} from "@parmanasystems/core";

const POLICIES_ROOT = fileURLToPath(new URL("../fixtures/policies", import.meta.url));
const ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const { privateKeyPem, publicKeyPem } = generateKeyPair();

class GuideStyleSigner implements Signer {
  private keyId: string;
  private inner = new LocalSigner(privateKeyPem);
  constructor(keyId: string) {
    this.keyId = keyId;
  }
  sign(payload: string): string {
    return this.inner.sign(payload);
  }
  describe(): string {
    return this.keyId;
  }
}

beforeAll(() => vi.stubEnv("PARMANA_POLICIES_ROOT", POLICIES_ROOT));
afterAll(() => vi.unstubAllEnvs());

describe("seed: a signer's private keyId never reaches the attestation", () => {
  it("writes no ARN into signerKeyId or anywhere else", async () => {
    const signer = new GuideStyleSigner(ARN);
    expect(signer.describe()).toBe(ARN);
    const attestation = await executeFromSignals(
      {
        executionId: "loan-private-key-id",
        policyId: "loan-approval",
        policyVersion: "1.0.0",
        signals: { credit_score: 720, loan_amount: 15000 },
      },
      signer,
      new LocalVerifier(publicKeyPem),
      new MemoryReplayStore({ warnInProduction: false }),
    );
    expect(attestation.signerKeyId).not.toContain("arn:");
    expect(JSON.stringify(attestation)).not.toContain(ARN);
  });
});
