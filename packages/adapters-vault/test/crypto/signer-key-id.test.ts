import { canonicalizeForSigning, SIGNING_DOMAINS } from "@parmanasystems/core";
import { describe, expect, it } from "vitest";
import { versionKeyId, versionNamedIn } from "../../src/crypto/signer-key-id.js";

const base = "vault:transit/parmana";

describe("versionNamedIn", () => {
  it("reads the version of this key from an attestation-shaped signing input", () => {
    const input = canonicalizeForSigning(
      { executionId: "x", signerKeyId: versionKeyId(base, 12), trustRootVersion: "1" },
      SIGNING_DOMAINS.attestation,
    );
    expect(versionNamedIn(input, base)).toBe(12);
  });

  it("takes the artifact's own field, after any nested object that sorts before it", () => {
    const input = canonicalizeForSigning(
      { provenance: { signerKeyId: versionKeyId(base, 1) }, signerKeyId: versionKeyId(base, 2) },
      SIGNING_DOMAINS.attestation,
    );
    expect(versionNamedIn(input, base)).toBe(2);
  });

  it.each([
    ["another key", '{"signerKeyId":"vault:transit/other:v3"}'],
    ["a key whose name extends this one", '{"signerKeyId":"vault:transit/parmana-2:v3"}'],
    ["no version", '{"signerKeyId":"vault:transit/parmana"}'],
    ["v0", '{"signerKeyId":"vault:transit/parmana:v0"}'],
    ["a leading zero", '{"signerKeyId":"vault:transit/parmana:v01"}'],
    ["letters", '{"signerKeyId":"vault:transit/parmana:v1a"}'],
    ["an unterminated string", '{"signerKeyId":"vault:transit/parmana:v1'],
    ["a 10-digit version", '{"signerKeyId":"vault:transit/parmana:v1234567890"}'],
    [
      "an escaped lookalike inside a string",
      '{"note":"\\"signerKeyId\\":\\"vault:transit/parmana:v1\\""}',
    ],
    ["plain text", "hello"],
  ])("finds nothing in %s", (_name, payload) => {
    expect(versionNamedIn(payload, base)).toBeUndefined();
  });
});
