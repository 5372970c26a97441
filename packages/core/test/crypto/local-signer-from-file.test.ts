import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createTrustRoot,
  createTrustRootKey,
  deriveKeyId,
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  SignatureError,
  SystemError,
  verifyAttestation,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { samplePolicy, sampleSignals } from "../policy/helpers/policy-documents.js";

/** A key folder as `parmana keygen --key-id <id>` writes it. */
function keyFolder(keyId?: string): { dir: string; privateKeyPem: string; publicKeyPem: string } {
  const dir = mkdtempSync(join(tmpdir(), "parmana-key-"));
  const { privateKeyPem, publicKeyPem } = generateKeyPair();
  writeFileSync(join(dir, "private.pem"), privateKeyPem);
  writeFileSync(join(dir, "public.pem"), publicKeyPem);
  if (keyId !== undefined) {
    writeFileSync(
      join(dir, "key.json"),
      JSON.stringify({ keyId, algorithm: "ed25519", publicKey: "public.pem" }),
    );
  }
  return { dir, privateKeyPem, publicKeyPem };
}

describe("LocalSigner.fromFile", () => {
  it("takes the key id recorded in key.json beside the key", () => {
    const { dir } = keyFolder("acme-2026");
    const signer = LocalSigner.fromFile(join(dir, "private.pem"));
    expect(signer.signerKeyId).toBe("acme-2026");
  });

  it("prefers an explicit keyId, and derives the id without key.json", () => {
    const { dir, publicKeyPem } = keyFolder("acme-2026");
    expect(LocalSigner.fromFile(join(dir, "private.pem"), { keyId: "other" }).keyId).toBe("other");
    const bare = keyFolder();
    expect(LocalSigner.fromFile(join(bare.dir, "private.pem")).keyId).toBe(
      deriveKeyId(bare.publicKeyPem),
    );
    expect(deriveKeyId(publicKeyPem)).not.toBe("acme-2026");
  });

  it("SYS-031 for a key.json that describes another key or is malformed", () => {
    const { dir } = keyFolder("acme-2026");
    writeFileSync(join(dir, "public.pem"), generateKeyPair().publicKeyPem);
    expectParmanaError(
      () => LocalSigner.fromFile(join(dir, "private.pem")),
      "SYS-031",
      SystemError,
      "describes another key: public.pem is not the public half of",
    );
    writeFileSync(join(dir, "key.json"), "{ nope");
    expectParmanaError(
      () => LocalSigner.fromFile(join(dir, "private.pem")),
      "SYS-031",
      SystemError,
      "is not valid JSON",
    );
  });

  it("SYS-030 for a file that cannot be read", () => {
    const dir = mkdtempSync(join(tmpdir(), "parmana-key-"));
    mkdirSync(join(dir, "folder.pem"));
    expectParmanaError(
      () => LocalSigner.fromFile(join(dir, "absent.pem")),
      "SYS-030",
      SystemError,
      "(ENOENT)",
    );
    expectParmanaError(
      () => LocalSigner.fromFile(join(dir, "folder.pem")),
      "SYS-030",
      SystemError,
      "(EISDIR)",
    );
  });
});

describe("LocalSigner: messages for the usual PEM mistakes", () => {
  it("says when a file path was given instead of the PEM text", () => {
    expectParmanaError(
      () => new LocalSigner("keys/private.pem"),
      "SIG-001",
      SignatureError,
      '"keys/private.pem" looks like a file path, not PEM text; pass the file\'s content (readFileSync(path, "utf8")) or use LocalSigner.fromFile(path)',
    );
  });

  it("says when the line breaks arrived as literal \\n (a key from an environment variable)", () => {
    const escaped = generateKeyPair().privateKeyPem.trim().replace(/\n/g, "\\n");
    const error = expectParmanaError(() => new LocalSigner(escaped), "SIG-001", SignatureError);
    expect(error.message).toContain(
      'it contains the two characters "\\n" where line breaks belong',
    );
    expect(error.message).not.toContain("MC4CAQAwBQYDK2VwBCIEI"); // no key material echoed
    expect(new LocalSigner(escaped.replace(/\\n/g, "\n")).algorithm).toBe("ed25519");
  });
});

describe("TRUST-020 names the id under which the same key is trusted", () => {
  it("points at the trusted id when the signer used a derived id", async () => {
    const { dir, publicKeyPem } = keyFolder("acme-2026");
    const trustRoot = createTrustRoot({
      trustRootVersion: "1",
      keys: [
        createTrustRootKey(publicKeyPem, {
          keyId: "acme-2026",
          purposes: ["attestation"],
          validFrom: "2026-01-01T00:00:00Z",
        }),
      ],
    });
    const signer = new LocalSigner(readPem(dir)); // the documented new LocalSigner(pem): derived id
    const attestation = await executeFromSignals(
      {
        executionId: "e-1",
        policyId: "sample-policy",
        policyVersion: "1.0.0",
        signals: sampleSignals(),
      },
      signer,
      new LocalVerifier(publicKeyPem),
      {
        replayStore: new MemoryReplayStore({ warnInProduction: false }),
        policies: new MemoryPolicyRegistry([samplePolicy() as never]),
        clock: () => new Date("2026-06-01T00:00:00Z"),
      },
    );
    expect(attestation.signerKeyId).toBe(deriveKeyId(publicKeyPem));
    const result = verifyAttestation(attestation, new LocalVerifier(publicKeyPem), { trustRoot });
    expect(result.checks.signature_verified).toBe(false);
    expect(result.errors.join("\n")).toContain(
      'the signing key itself is in the trust root, under key id "acme-2026": sign with that id (LocalSigner.fromFile reads it from key.json beside the key, or pass { keyId })',
    );
    // the documented fix works
    const fixed = await executeFromSignals(
      {
        executionId: "e-2",
        policyId: "sample-policy",
        policyVersion: "1.0.0",
        signals: sampleSignals(),
      },
      LocalSigner.fromFile(join(dir, "private.pem")),
      new LocalVerifier(publicKeyPem),
      {
        replayStore: new MemoryReplayStore({ warnInProduction: false }),
        policies: new MemoryPolicyRegistry([samplePolicy() as never]),
        clock: () => new Date("2026-06-01T00:00:00Z"),
      },
    );
    expect(verifyAttestation(fixed, new LocalVerifier(publicKeyPem), { trustRoot }).valid).toBe(
      true,
    );
  });
});

function readPem(dir: string): string {
  return readFileSync(join(dir, "private.pem"), "utf8");
}
