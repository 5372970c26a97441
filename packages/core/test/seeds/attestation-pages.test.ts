// Seeds 001/002 (attestation pages): synchronous verifyAttestation with LocalVerifier, and the
// store-to-file-and-reverify example, verbatim apart from key setup (run in a temporary folder).
import fs from "fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyAttestation, LocalVerifier } from "@parmanasystems/core";
import {
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  MemoryReplayStore,
} from "@parmanasystems/core";

const POLICIES_ROOT = fileURLToPath(new URL("../fixtures/policies", import.meta.url));
const { privateKeyPem, publicKeyPem: publicKey } = generateKeyPair();
let attestation: Awaited<ReturnType<typeof executeFromSignals>>;
let workDir: string;
const startDir = process.cwd();

beforeAll(async () => {
  vi.stubEnv("PARMANA_POLICIES_ROOT", POLICIES_ROOT);
  attestation = await executeFromSignals(
    {
      policyId: "loan-approval",
      policyVersion: "1.0.0",
      signals: { credit_score: 720, loan_amount: 15000 },
    },
    new LocalSigner(privateKeyPem),
    new LocalVerifier(publicKey),
    new MemoryReplayStore(),
  );
  workDir = mkdtempSync(join(tmpdir(), "parmana-seed-"));
  process.chdir(workDir);
});
afterAll(() => {
  process.chdir(startDir);
  rmSync(workDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe("seed: attestation pages", () => {
  it("Verifying an attestation (synchronous result)", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);

    const verifier = new LocalVerifier(publicKey);
    const result = verifyAttestation(attestation, verifier);

    console.log(result.valid); // true if all checks pass
    console.log(result.checks);
    // {
    //   signature_verified: true,
    //   runtime_verified:   true,
    //   schema_compatible:  true,
    //   governed:           true,
    // }

    expect(log.mock.calls).toEqual([
      [true],
      [
        {
          signature_verified: true,
          runtime_verified: true,
          schema_compatible: true,
          governed: true,
        },
      ],
    ]);
    log.mockRestore();
  });

  it("Storing attestations: write to a file, read it back, verify again", () => {
    const verifier = new LocalVerifier(publicKey);

    // Store
    fs.writeFileSync("attestation.json", JSON.stringify(attestation, null, 2));

    // Retrieve and verify later
    const stored = JSON.parse(fs.readFileSync("attestation.json", "utf8"));
    const result = verifyAttestation(stored, verifier);

    expect(fs.existsSync(join(workDir, "attestation.json"))).toBe(true);
    expect(result.valid).toBe(true);
    expect(stored).toEqual(JSON.parse(JSON.stringify(attestation)));
  });

  it("the documented fields are present with the documented formats", () => {
    expect(attestation.executionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(attestation.execution_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(attestation.signalsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(attestation.execution_fingerprint).not.toBe(attestation.signalsHash);
    expect(attestation.execution_state).toBe("completed");
    expect(Buffer.from(attestation.signature, "base64")).toHaveLength(64);
  });
});
