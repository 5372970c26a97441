// executeFromSignals with a StrictPolicyRegistry and a rotating trust root: the attestation
// carries the real bundle identity, and verifying it against the trust root follows the key
// rotation rules of issue 4.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  LocalVerifier,
  MemoryReplayStore,
  StrictPolicyRegistry,
  TrustError,
  createPolicy,
  createTrustRoot,
  executeFromSignals,
  generateBundle,
  rotateTrustRoot,
  verifyAttestation,
  verifyBundle,
  type ExecutionAttestation,
  type TrustRoot,
} from "@parmanasystems/core";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { fixtureKey, trustKey, type FixtureKey } from "../helpers/trust-fixtures.js";

const bundleKey = fixtureKey(21, "bundles-2026");
const k1 = fixtureKey(22, "attest-1");
const k2 = fixtureKey(23, "attest-2");
const T = "2026-04-01T00:00:00.000Z";

async function setUp(): Promise<{ root: string; dir: string; roots: TrustRoot[] }> {
  const root = mkdtempSync(join(tmpdir(), "parmana-exec-bundle-"));
  const { dir } = createPolicy(root, "loan-approval");
  await generateBundle(dir, { signer: bundleKey.signer });
  const root1 = createTrustRoot({
    trustRootVersion: "1",
    keys: [trustKey(bundleKey, ["manifest"]), trustKey(k1, ["attestation", "trust-root"])],
  });
  const { root: root2 } = await rotateTrustRoot(root1, {
    signer: k1.signer,
    newKey: trustKey(k2, ["attestation", "trust-root"], { validFrom: "2026-03-01T00:00:00Z" }),
    rotatedAt: "2026-03-01T00:00:00Z",
  });
  const { root: root3 } = await rotateTrustRoot(root2, {
    signer: k2.signer,
    revokeKeys: [{ keyId: k1.keyId, revokedAt: T }],
    rotatedAt: "2026-05-01T00:00:00Z",
  });
  return { root, dir, roots: [root1, root2, root3] };
}

async function decide(
  key: FixtureKey,
  registry: StrictPolicyRegistry,
  issuedAt: string,
  executionId: string,
): Promise<ExecutionAttestation> {
  return executeFromSignals(
    { executionId, policyId: "loan-approval", policyVersion: "1.0.0", signals: { amount: 250 } },
    key.signer,
    new LocalVerifier(key.publicKeyPem),
    {
      replayStore: new MemoryReplayStore(),
      policies: registry,
      clock: () => new Date(issuedAt),
    },
  );
}

describe("executeFromSignals with signed bundles and a rotating trust root", () => {
  it("writes the real bundleHash, manifestHash and manifestSignature into the attestation", async () => {
    const { root, dir, roots } = await setUp();
    const [root1] = roots as [TrustRoot];
    const registry = new StrictPolicyRegistry({
      root,
      trustRoot: root1,
      clock: () => new Date("2026-02-01T00:00:00Z"),
    });
    const attestation = await decide(k1, registry, "2026-02-01T00:00:00.000Z", "app-1");
    const bundle = verifyBundle(dir, new LocalVerifier(bundleKey.publicKeyPem));
    const sig = JSON.parse(readFileSync(join(dir, "bundle.sig"), "utf8")) as { signature: string };
    expect(attestation).toMatchObject({
      decision: { action: "approve" },
      bundleHash: bundle.bundleHash,
      manifestHash: bundle.manifestHash,
      manifestSignature: sig.signature,
      trustRootVersion: "1",
      signerKeyId: "attest-1",
      issuedAt: "2026-02-01T00:00:00.000Z",
    });
    const policy = registry.resolve("loan-approval", "1.0.0");
    expect(
      verifyAttestation(attestation, new LocalVerifier(k1.publicKeyPem), {
        trustRoot: root1,
        policy,
        signals: { amount: 250 },
      }),
    ).toMatchObject({ valid: true, errors: [] });
  });

  it("sign with key 1, rotate, sign with key 2, revoke key 1 at T: verification follows the rules", async () => {
    const { root, roots } = await setUp();
    const [, root2, root3] = roots as [TrustRoot, TrustRoot, TrustRoot];
    const registryAt = (at: string, trustRoot: TrustRoot = root3): StrictPolicyRegistry =>
      new StrictPolicyRegistry({ root, trustRoot, clock: () => new Date(at) });
    const key1Early = await decide(
      k1,
      registryAt("2026-02-01T00:00:00Z"),
      "2026-02-01T00:00:00.000Z",
      "a",
    );
    const key1BeforeT = await decide(
      k1,
      registryAt("2026-03-20T00:00:00Z"),
      "2026-03-20T00:00:00.000Z",
      "b",
    );
    const key2 = await decide(
      k2,
      registryAt("2026-04-10T00:00:00Z"),
      "2026-04-10T00:00:00.000Z",
      "c",
    );
    for (const attestation of [key1Early, key1BeforeT, key2])
      expect(attestation.trustRootVersion).toBe(root3.trustRootVersion);
    // A service whose trust root revokes key 1 refuses to sign with it after T, as the CLI does.
    await expectRejectsParmanaError(
      decide(k1, registryAt("2026-04-10T00:00:00Z"), "2026-04-10T00:00:00.000Z", "d"),
      "TRUST-090",
      TrustError,
      /\[TRUST-021\] key attest-1 was revoked/,
    );
    // A service still on root 2 (which does not know of the revocation) signs with it after T.
    const key1AfterT = await decide(
      k1,
      registryAt("2026-04-10T00:00:00Z", root2),
      "2026-04-10T00:00:00.000Z",
      "d",
    );
    expect(key1AfterT.trustRootVersion).toBe(root2.trustRootVersion);

    const verifier = new LocalVerifier(k2.publicKeyPem);
    for (const attestation of [key1Early, key1BeforeT, key2]) {
      expect(verifyAttestation(attestation, verifier, { trustRoot: root3 }).valid).toBe(true);
    }
    const refused = verifyAttestation(key1AfterT, verifier, { trustRoot: root3 });
    expect(refused.checks.signature_verified).toBe(false);
    expect(refused.errors).toEqual([
      `[TRUST-021] key attest-1 was revoked at ${T}, at or before the signing time 2026-04-10T00:00:00.000Z`,
    ]);
    // Before its revocation was published (root 2), the same attestation still verified.
    expect(verifyAttestation(key1AfterT, verifier, { trustRoot: root2 }).valid).toBe(true);
  });
});
