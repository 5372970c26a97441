// Golden attestation committed under test/fixtures/golden (made once by generate.ts): it must
// keep verifying in every later version, and its signing input must stay byte for byte the same.
import { verify as nodeVerify, createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { attestationSigningInput, LocalVerifier, verifyAttestation } from "@parmanasystems/core";

const golden = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/golden/${name}`, import.meta.url)), "utf8");
const attestation = JSON.parse(golden("attestation.json")) as Record<string, unknown>;
const publicKeyPem = golden("public-key.pem");
const signingInput = golden("signing-input.txt");
const signals = { claim_amount: 750000, policy_active: true, customer_tier: "gold" };
// The golden was made by a development runtime; trusting it by identity isolates what this test
// is about (signature, format, hashes) from the runtime history.
const goldenRuntime = {
  runtimeVersion: attestation["runtimeVersion"] as string,
  runtimeHash: attestation["runtimeHash"] as string,
};

describe("golden attestation", () => {
  it("verifies: signature, schema, well-formedness and signals", () => {
    const result = verifyAttestation(attestation, new LocalVerifier(publicKeyPem), {
      trustedRuntimes: [goldenRuntime],
      signals,
    });
    expect(result).toEqual({
      valid: true,
      checks: {
        signature_verified: true,
        runtime_verified: true,
        schema_compatible: true,
        governed: true,
      },
      errors: [],
      warnings: [],
    });
  });

  it("reproduces the committed signing input byte for byte", () => {
    expect(attestationSigningInput(attestation)).toBe(signingInput);
  });

  it("the signature verifies over the committed signing input with node:crypto alone", () => {
    const ok = nodeVerify(
      null,
      Buffer.from(signingInput, "utf8"),
      createPublicKey(publicKeyPem),
      Buffer.from(attestation["signature"] as string, "base64"),
    );
    expect(ok).toBe(true);
  });

  it("fails when any byte of the stored record changes", () => {
    const tampered = {
      ...attestation,
      decision: { ...(attestation["decision"] as object), action: "approve" },
    };
    expect(
      verifyAttestation(tampered, new LocalVerifier(publicKeyPem), {
        trustedRuntimes: [goldenRuntime],
      }).checks.signature_verified,
    ).toBe(false);
  });
});
