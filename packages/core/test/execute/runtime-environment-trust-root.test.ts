// DESIGN §5 step 2 through the product's five-argument form: a runtime environment that names a
// trust root makes executeFromSignals serve only signed bundles that verify against it, and the
// attestation carries the bundle's real identity. A refused bundle leaves no reservation behind.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  LocalVerifier,
  MemoryReplayStore,
  TrustError,
  createPolicy,
  createTrustRoot,
  executeFromSignals,
  generateBundle,
  verifyBundle,
} from "@parmanasystems/core";
import { expectRejectsParmanaError } from "../helpers/expect-parmana-error.js";
import { fixtureKey, trustKey } from "../helpers/trust-fixtures.js";

const bundleKey = fixtureKey(31, "bundles-env");
const attestKey = fixtureKey(32, "attest-env");
const input = {
  executionId: "env-1",
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals: { amount: 250 },
};

async function bundledRoot(): Promise<{ root: string; dir: string; trustRootPath: string }> {
  const root = mkdtempSync(join(tmpdir(), "parmana-env-trust-"));
  const { dir } = createPolicy(root, "loan-approval");
  await generateBundle(dir, { signer: bundleKey.signer });
  const trustRoot = createTrustRoot({
    trustRootVersion: "env-1",
    keys: [trustKey(bundleKey, ["manifest"])],
  });
  const trustRootPath = join(root, "trust-root.json");
  writeFileSync(trustRootPath, JSON.stringify(trustRoot, null, 2));
  return { root, dir, trustRootPath };
}

describe("executeFromSignals with runtimeEnvironment.trustRootPath", () => {
  it("serves the signed bundle and seals its real identity into the attestation", async () => {
    const { root, dir, trustRootPath } = await bundledRoot();
    const verifier = new LocalVerifier(attestKey.publicKeyPem);
    const attestation = await executeFromSignals(
      input,
      attestKey.signer,
      verifier,
      { policiesRootPath: root, trustRootPath },
      new MemoryReplayStore(),
    );
    const bundle = verifyBundle(dir, new LocalVerifier(bundleKey.publicKeyPem));
    const sig = JSON.parse(readFileSync(join(dir, "bundle.sig"), "utf8")) as { signature: string };
    expect(bundle.valid).toBe(true);
    expect(attestation.bundleHash).toBe(bundle.bundleHash);
    expect(attestation.manifestHash).toBe(bundle.manifestHash);
    expect(attestation.manifestSignature).toBe(sig.signature);
  });

  it("without a trust root the same folder is read as a plain policy with no manifest signature", async () => {
    const { root } = await bundledRoot();
    const verifier = new LocalVerifier(attestKey.publicKeyPem);
    const attestation = await executeFromSignals(
      input,
      attestKey.signer,
      verifier,
      { policiesRootPath: root },
      new MemoryReplayStore(),
    );
    expect(attestation.manifestSignature).toBe("");
  });

  it("refuses a bundle whose policy.json changed after signing, holding no reservation", async () => {
    const { root, dir, trustRootPath } = await bundledRoot();
    const policyPath = join(dir, "policy.json");
    writeFileSync(policyPath, readFileSync(policyPath, "utf8").replace('"approve"', '"reject"'));
    const store = new MemoryReplayStore();
    const verifier = new LocalVerifier(attestKey.publicKeyPem);
    await expectRejectsParmanaError(
      executeFromSignals(
        input,
        attestKey.signer,
        verifier,
        { policiesRootPath: root, trustRootPath },
        store,
      ),
      "TRUST-042",
      TrustError,
    );
    await expect(store.reserve("loan-approval:env-1")).resolves.toEqual(expect.any(String));
  });

  it("refuses every policy when the trust root file is missing, holding no reservation", async () => {
    const { root } = await bundledRoot();
    const store = new MemoryReplayStore();
    const verifier = new LocalVerifier(attestKey.publicKeyPem);
    await expectRejectsParmanaError(
      executeFromSignals(
        input,
        attestKey.signer,
        verifier,
        { policiesRootPath: root, trustRootPath: join(root, "absent.json") },
        store,
      ),
      "TRUST-001",
      TrustError,
      /absent\.json/,
    );
    await expect(store.reserve("loan-approval:env-1")).resolves.toEqual(expect.any(String));
  });
});
