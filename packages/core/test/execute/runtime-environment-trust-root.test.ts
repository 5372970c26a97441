// DESIGN §5 step 2 through the product's five-argument form: a runtime environment that names a
// trust root makes executeFromSignals serve only signed bundles that verify against it, and the
// attestation carries the bundle's real identity. A refused bundle leaves no reservation behind.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
  TrustError,
  compilePolicy,
  createPolicy,
  MemoryPolicyRegistry,
  createTrustRoot,
  executeFromSignals,
  FilePolicyRegistry,
  generateBundle,
  verifyAttestation,
  verifyBundle,
  type ExecutionAttestation,
  type RuntimeEnvironment,
  type Signer,
} from "@parmanasystems/core";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
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
    keys: [trustKey(bundleKey, ["manifest"]), trustKey(attestKey, ["attestation"])],
  });
  const trustRootPath = join(root, "trust-root.json");
  writeFileSync(trustRootPath, JSON.stringify(trustRoot, null, 2));
  return { root, dir, trustRootPath };
}

/** Decides `input` as `key`, verified with the key's own public half. */
function decideAs(
  key: { readonly signer: Signer; readonly publicKeyPem: string },
  environment: RuntimeEnvironment,
  store: MemoryReplayStore,
): Promise<ExecutionAttestation> {
  return executeFromSignals(
    input,
    key.signer,
    new LocalVerifier(key.publicKeyPem),
    environment,
    store,
  );
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

  it("writes the root's trustRootVersion and refuses a signing key the root does not hold, as the CLI does", async () => {
    const { root, trustRootPath } = await bundledRoot();
    const verifier = new LocalVerifier(attestKey.publicKeyPem);
    const attestation = await executeFromSignals(
      input,
      attestKey.signer,
      verifier,
      { policiesRootPath: root, trustRootPath },
      new MemoryReplayStore(),
    );
    expect(attestation.trustRootVersion).toBe("env-1");
    expect(attestation.signerKeyId).toBe(attestKey.keyId);

    const stranger = fixtureKey(33, "stranger");
    const store = new MemoryReplayStore();
    await expectRejectsParmanaError(
      decideAs(stranger, { policiesRootPath: root, trustRootPath }, store),
      "TRUST-090",
      TrustError,
      'the signing key cannot sign attestations under trust root env-1: [TRUST-020] key "stranger" is not in trust root env-1',
    );
    await expect(store.reserve("loan-approval:env-1")).resolves.toEqual(expect.any(String));
    // a key the root holds only for bundles cannot sign attestations either
    await expectRejectsParmanaError(
      decideAs(bundleKey, { policiesRootPath: root, trustRootPath }, new MemoryReplayStore()),
      "TRUST-090",
      TrustError,
      /\[TRUST-024\] key bundles-env is not meant for attestation/,
    );
  });

  it("finds the root's id for the signer's key when the signer reports another id", async () => {
    const { root, trustRootPath } = await bundledRoot();
    const derived = new LocalSigner(attestKey.privateKey); // id derived from the key
    expect(derived.keyId).not.toBe(attestKey.keyId);
    const attestation = await executeFromSignals(
      input,
      derived,
      new LocalVerifier(attestKey.publicKeyPem),
      { policiesRootPath: root, trustRootPath },
      new MemoryReplayStore(),
    );
    expect(attestation.signerKeyId).toBe(attestKey.keyId);
  });

  it("TRUST-091 when the signer claims a root key id but signs with another key", async () => {
    const { root, trustRootPath } = await bundledRoot();
    const impostor = fixtureKey(34, attestKey.keyId);
    const store = new MemoryReplayStore();
    await expectRejectsParmanaError(
      decideAs(impostor, { policiesRootPath: root, trustRootPath }, store),
      "TRUST-091",
      TrustError,
      `the signature does not verify under key ${attestKey.keyId} of trust root env-1: the signer holds another key`,
    );
    await expect(store.reserve("loan-approval:env-1")).resolves.toEqual(expect.any(String));
  });

  it("without a trust root uses the bundle beside policy.json and carries its identity", async () => {
    const { root, dir } = await bundledRoot();
    const verifier = new LocalVerifier(attestKey.publicKeyPem);
    const attestation = await executeFromSignals(
      input,
      attestKey.signer,
      verifier,
      { policiesRootPath: root },
      new MemoryReplayStore(),
    );
    const bundle = verifyBundle(dir, new LocalVerifier(bundleKey.publicKeyPem));
    const sig = JSON.parse(readFileSync(join(dir, "bundle.sig"), "utf8")) as { signature: string };
    expect(attestation.bundleHash).toBe(bundle.bundleHash);
    expect(attestation.bundleHash).not.toBe(attestation.manifestHash);
    expect(attestation.manifestHash).toBe(bundle.manifestHash);
    expect(attestation.manifestSignature).toBe(sig.signature);
    // the policy-bound check an auditor runs with the policy folder now agrees
    const policy = new FilePolicyRegistry({ policiesRootPath: root }).resolve(
      input.policyId,
      input.policyVersion,
    );
    const result = verifyAttestation(attestation, verifier, { policy });
    expect(result.errors).toEqual([]);
    expect(result.checks.governed).toBe(true);
  });

  it("says why an attestation made from the bare policy.json does not match its bundle", async () => {
    const { root, dir } = await bundledRoot();
    const bare = compilePolicy(join(dir, "policy.json")).policy!;
    const verifier = new LocalVerifier(attestKey.publicKeyPem);
    const attestation = await executeFromSignals(input, attestKey.signer, verifier, {
      replayStore: new MemoryReplayStore(),
      policies: new MemoryPolicyRegistry([bare]),
    });
    const policy = new FilePolicyRegistry({ policiesRootPath: root }).resolve(
      input.policyId,
      input.policyVersion,
    );
    const result = verifyAttestation(attestation, verifier, { policy });
    expect(result.valid).toBe(false);
    expect(result.errors).toContain(
      "[INV-VERIFY-009] the attestation was made from this policy's policy.json without its signed bundle (its bundleHash is the policy file's hash); the decision's service read the policy without the bundle",
    );
  });

  it.each([
    ["policy.json changed after the build", "policy.json", "TRUST-042"],
    ["bundle.sig removed", "bundle.sig", "TRUST-044"],
  ])(
    "without a trust root refuses a bundle beside policy.json with %s, holding no reservation",
    async (_name, file, code) => {
      const { root, dir } = await bundledRoot();
      const path = join(dir, file);
      if (file === "bundle.sig") rmSync(path);
      else writeFileSync(path, readFileSync(path, "utf8").replace('"approve"', '"reject"'));
      const store = new MemoryReplayStore();
      await expectRejectsParmanaError(
        decideAs(attestKey, { policiesRootPath: root }, store),
        code,
        TrustError,
      );
      await expect(store.reserve("loan-approval:env-1")).resolves.toEqual(expect.any(String));
    },
  );

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
