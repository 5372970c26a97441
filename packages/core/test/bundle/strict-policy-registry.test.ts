import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  PolicyError,
  StrictPolicyRegistry,
  TrustError,
  createPolicy,
  createRuntimeManifest,
  EVALUATOR_SEMANTICS,
  createTrustRoot,
  generateBundle,
  getRuntimeManifest,
  type BundleManifest,
  type TrustRoot,
} from "@parmanasystems/core";
import { computeManifestHash } from "@parmanasystems/core/internal";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { fixtureKey, trustKey } from "../helpers/trust-fixtures.js";

const bundleKey = fixtureKey(11, "bundles-2026");
const stranger = fixtureKey(12, "stranger");
const NOW = new Date("2026-06-01T00:00:00Z");
const clock = (): Date => NOW;
const trustRoot: TrustRoot = createTrustRoot({
  trustRootVersion: "2026-01",
  keys: [trustKey(bundleKey, ["manifest"])],
});

async function signedRoot(
  options: { signer?: typeof bundleKey; minRuntimeVersion?: string } = {},
): Promise<{ root: string; dir: string }> {
  const root = mkdtempSync(join(tmpdir(), "parmana-strict-"));
  const { dir } = createPolicy(root, "loan-approval");
  await generateBundle(dir, {
    signer: (options.signer ?? bundleKey).signer,
    ...(options.minRuntimeVersion === undefined
      ? {}
      : { minRuntimeVersion: options.minRuntimeVersion }),
  });
  return { root, dir };
}

describe("StrictPolicyRegistry", () => {
  it("serves a verified bundle, compiled, with its real bundle identity, loaded once", async () => {
    const { root, dir } = await signedRoot();
    const registry = new StrictPolicyRegistry({ root, trustRoot, clock });
    const policy = registry.resolve("loan-approval", "1.0.0");
    const manifest = JSON.parse(
      readFileSync(join(dir, "bundle.manifest.json"), "utf8"),
    ) as BundleManifest;
    const sig = JSON.parse(readFileSync(join(dir, "bundle.sig"), "utf8")) as { signature: string };
    expect(policy.bundle).toEqual({
      bundleHash: manifest.bundleHash,
      manifestHash: computeManifestHash(manifest),
      manifestSignature: sig.signature,
    });
    expect(policy.evaluate({ amount: 50 })).toMatchObject({
      action: "approve",
      rule_id: "approve-small-amounts",
    });
    expect(policy.evaluate({ amount: 5000 })).toMatchObject({
      action: "reject",
      rule_id: "default",
    });
    expect(policy.validateSignals({})).not.toHaveLength(0);
    // Cached: later changes on disk do not reach an already verified policy.
    writeFileSync(join(dir, "policy.json"), "{}");
    expect(registry.resolve("loan-approval", "1.0.0")).toBe(policy);
    registry.clearCache();
    expectParmanaError(
      () => registry.resolve("loan-approval", "1.0.0"),
      "TRUST-042",
      TrustError,
      /changed after the bundle was built/,
    );
  });

  it("accepts a trust root given as a path or JSON text", async () => {
    const { root } = await signedRoot();
    const path = join(root, "trust-root.json");
    writeFileSync(path, JSON.stringify(trustRoot));
    expect(
      new StrictPolicyRegistry({ root, trustRoot: path, clock }).resolve("loan-approval", "1.0.0")
        .bundle,
    ).toBeDefined();
    expect(
      new StrictPolicyRegistry({ root, trustRoot: JSON.stringify(trustRoot), clock }).trustRoot
        .trustRootVersion,
    ).toBe("2026-01");
  });

  it("refuses an unsigned policy (TRUST-040) and a missing one (POL-001), and bad references before any I/O", async () => {
    const root = mkdtempSync(join(tmpdir(), "parmana-strict-unsigned-"));
    createPolicy(root, "loan-approval");
    const registry = new StrictPolicyRegistry({ root, trustRoot, clock });
    expectParmanaError(
      () => registry.resolve("loan-approval", "1.0.0"),
      "TRUST-040",
      TrustError,
      /bundle loan-approval@1\.0\.0 refused/,
    );
    expectParmanaError(
      () => registry.resolve("loan-approval", "2.0.0"),
      "POL-001",
      PolicyError,
      /Policy not found: loan-approval@2\.0\.0/,
    );
    expectParmanaError(() => registry.resolve("../etc", "1.0.0"), "POL-003", PolicyError);
    expectParmanaError(() => registry.resolve("loan-approval", "v1"), "POL-022", PolicyError);
  });

  it("TRUST-045 for a signature that does not verify under the named trusted key", async () => {
    const { root, dir } = await signedRoot();
    const sigPath = join(dir, "bundle.sig");
    const sig = JSON.parse(readFileSync(sigPath, "utf8")) as Record<string, string>;
    writeFileSync(sigPath, JSON.stringify({ ...sig, signature: stranger.signer.sign("x") }));
    expectParmanaError(
      () => new StrictPolicyRegistry({ root, trustRoot, clock }).resolve("loan-approval", "1.0.0"),
      "TRUST-045",
      TrustError,
      /does not verify/,
    );
  });

  it("TRUST-046 for a key the trust root does not hold, does not allow for bundles, or has revoked", async () => {
    const { root } = await signedRoot({ signer: stranger });
    const unknown = expectParmanaError(
      () => new StrictPolicyRegistry({ root, trustRoot, clock }).resolve("loan-approval", "1.0.0"),
      "TRUST-046",
      TrustError,
    );
    expect(unknown.details?.["reasonCode"]).toBe("TRUST-020");

    const signed = await signedRoot();
    const attestationOnly = createTrustRoot({ keys: [trustKey(bundleKey, ["attestation"])] });
    const purpose = expectParmanaError(
      () =>
        new StrictPolicyRegistry({ root: signed.root, trustRoot: attestationOnly, clock }).resolve(
          "loan-approval",
          "1.0.0",
        ),
      "TRUST-046",
      TrustError,
    );
    expect(purpose.details?.["reasonCode"]).toBe("TRUST-024");

    const revoked = createTrustRoot({
      keys: [trustKey(bundleKey, ["bundle"], { revokedAt: "2026-05-01T00:00:00Z" })],
    });
    const revokedError = expectParmanaError(
      () =>
        new StrictPolicyRegistry({ root: signed.root, trustRoot: revoked, clock }).resolve(
          "loan-approval",
          "1.0.0",
        ),
      "TRUST-046",
      TrustError,
      /revoked/,
    );
    expect(revokedError.details?.["reasonCode"]).toBe("TRUST-021");
    // Before the revocation the same key was fine.
    const before = new StrictPolicyRegistry({
      root: signed.root,
      trustRoot: revoked,
      clock: () => new Date("2026-04-01T00:00:00Z"),
    });
    expect(before.resolve("loan-approval", "1.0.0").bundle).toBeDefined();
  });

  it("reads a clock that returns epoch milliseconds; one that reads no instant is TRUST-025", async () => {
    const signed = await signedRoot();
    const revoked = createTrustRoot({
      keys: [trustKey(bundleKey, ["bundle"], { revokedAt: "2026-05-01T00:00:00Z" })],
    });
    const before = new StrictPolicyRegistry({
      root: signed.root,
      trustRoot: revoked,
      clock: () => Date.UTC(2026, 3, 1),
    });
    expect(before.resolve("loan-approval", "1.0.0").bundle).toBeDefined();
    const after = expectParmanaError(
      () =>
        new StrictPolicyRegistry({
          root: signed.root,
          trustRoot: revoked,
          clock: () => Date.UTC(2026, 5, 1),
        }).resolve("loan-approval", "1.0.0"),
      "TRUST-046",
      TrustError,
      /revoked/,
    );
    expect(after.details?.["reasonCode"]).toBe("TRUST-021");
    for (const reading of [new Date(Number.NaN), Number.NaN, "2026-04-01T00:00:00Z"]) {
      const broken = expectParmanaError(
        () =>
          new StrictPolicyRegistry({
            root: signed.root,
            trustRoot,
            clock: (() => reading) as never,
          }).resolve("loan-approval", "1.0.0"),
        "TRUST-046",
        TrustError,
      );
      expect(broken.details?.["reasonCode"]).toBe("TRUST-025");
    }
  });

  it("TRUST-047 when the running runtime does not meet the bundle's requirements", async () => {
    const tooNew = await signedRoot({ minRuntimeVersion: "99.0.0" });
    expectParmanaError(
      () =>
        new StrictPolicyRegistry({ root: tooNew.root, trustRoot, clock }).resolve(
          "loan-approval",
          "1.0.0",
        ),
      "TRUST-047",
      TrustError,
      new RegExp(
        `needs runtime 99\\.0\\.0 or later, this runtime is ${getRuntimeManifest().runtimeVersion.replace(/\./g, "\\.")}`,
      ),
    );
    const { root } = await signedRoot({ minRuntimeVersion: "0.1.0" });
    const running = getRuntimeManifest();
    const runtimes = {
      older: { ...running, runtimeVersion: "0.0.9" },
      otherSemantics: { ...running, evaluatorSemanticVersion: "2.0.0" },
      otherSchema: { ...running, supportedSchemaVersions: ["2.0.0"] },
      fewerCapabilities: {
        ...running,
        capabilities: running.capabilities.filter(
          (capability) => capability !== "operator:less_than_or_equal",
        ),
      },
    };
    const messages = {
      older: /needs runtime 0\.1\.0 or later, this runtime is 0\.0\.9/,
      otherSemantics: /built for evaluator semantics 1\.0\.0, this runtime implements 2\.0\.0/,
      otherSchema: /schema version 1\.0\.0 is not supported/,
      fewerCapabilities: /lacks the capabilities operator:less_than_or_equal/,
    };
    for (const name of Object.keys(runtimes) as (keyof typeof runtimes)[]) {
      expectParmanaError(
        () =>
          new StrictPolicyRegistry({
            root,
            trustRoot,
            clock,
            runtimeManifest: runtimes[name],
          }).resolve("loan-approval", "1.0.0"),
        "TRUST-047",
        TrustError,
        messages[name],
      );
    }
    // A newer minor of the semantics is compatible.
    const newerMinor = createRuntimeManifest({
      runtimeVersion: "5.0.0",
      files: {},
      source: "build",
      semantics: { ...EVALUATOR_SEMANTICS, semanticsVersion: "1.4.0" },
    });
    expect(
      new StrictPolicyRegistry({ root, trustRoot, clock, runtimeManifest: newerMinor }).resolve(
        "loan-approval",
        "1.0.0",
      ).bundle,
    ).toBeDefined();
  });
});
