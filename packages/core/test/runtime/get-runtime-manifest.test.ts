import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  EVALUATOR_SEMANTICS,
  canonicalize,
  computeRuntimeHash,
  getRuntimeIdentity,
  getRuntimeManifest,
  verifyRuntime,
} from "@parmanasystems/core";
import { getReleaseManifest } from "@parmanasystems/core/internal";

const HASH = /^sha256:[0-9a-f]{64}$/;
const packageJson = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
) as { version: string };

function sha256Prefixed(text: string): string {
  return "sha256:" + createHash("sha256").update(text, "utf8").digest("hex");
}

describe("getRuntimeManifest from source", () => {
  it("computes a development manifest with no files, marked as such", () => {
    const manifest = getRuntimeManifest();
    expect(manifest.source).toBe("development");
    expect(manifest.files).toEqual({});
    expect(manifest.runtimeVersion).toBe(packageJson.version);
    expect(manifest.evaluatorSemanticVersion).toBe(EVALUATOR_SEMANTICS.semanticsVersion);
    expect(manifest.supportedSchemaVersions).toEqual(["1.0.0"]);
    expect(manifest.capabilities).toContain("operator:not_in");
    expect(manifest.capabilities).toContain("composite:not");
    expect(manifest.capabilities).toContain("signal-type:enum");
    expect([...manifest.capabilities]).toEqual([...manifest.capabilities].sort());
  });

  it("is loaded once and frozen", () => {
    expect(getRuntimeManifest()).toBe(getRuntimeManifest());
    expect(getRuntimeIdentity()).toBe(getRuntimeIdentity());
    expect(Object.isFrozen(getRuntimeManifest())).toBe(true);
    expect(Object.isFrozen(getRuntimeManifest().capabilities)).toBe(true);
  });

  it("derives every identity hash from the manifests", () => {
    const identity = getRuntimeIdentity();
    const manifest = getRuntimeManifest();
    expect(identity.runtimeVersion).toBe(packageJson.version);
    for (const hash of [
      identity.runtimeHash,
      identity.releaseManifestHash,
      identity.evaluatorSemanticHash,
      identity.evaluatorArtifactHash,
    ]) {
      expect(hash).toMatch(HASH);
    }
    const { runtimeHash, ...definition } = manifest;
    expect(identity.runtimeHash).toBe(sha256Prefixed(canonicalize(definition)));
    expect(runtimeHash).toBe(identity.runtimeHash);
    expect(identity.releaseManifestHash).toBe(sha256Prefixed(canonicalize(getReleaseManifest())));
    expect(identity.evaluatorSemanticHash).toBe(sha256Prefixed(canonicalize(EVALUATOR_SEMANTICS)));
    expect(identity.evaluatorArtifactHash).toBe(sha256Prefixed(canonicalize({ files: {} })));
  });

  it("carries its runtimeHash, which computeRuntimeHash and verifyRuntime accept as is", () => {
    const manifest = getRuntimeManifest();
    expect(manifest.runtimeHash).toMatch(HASH);
    expect(computeRuntimeHash(manifest)).toBe(manifest.runtimeHash);
    const { runtimeHash: _dropped, ...definition } = manifest;
    expect(computeRuntimeHash(definition)).toBe(manifest.runtimeHash);
    expect(
      verifyRuntime(manifest, { trustRoot: { trustedRuntimeHashes: [manifest.runtimeHash] } })
        .valid,
    ).toBe(true);
  });

  it("refuses a manifest whose stated runtimeHash is not its own", () => {
    const manifest = { ...getRuntimeManifest(), runtimeHash: `sha256:${"0".repeat(64)}` };
    const result = verifyRuntime(manifest, {
      trustRoot: { trustedRuntimeHashes: [manifest.runtimeHash] },
    });
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/runtimeHash is not the hash of the manifest/);
  });

  it("names core in a development release manifest", () => {
    expect(getReleaseManifest()).toEqual({
      releaseManifestVersion: "1",
      source: "development",
      packages: { "@parmanasystems/core": { version: packageJson.version, files: {} } },
    });
  });
});
