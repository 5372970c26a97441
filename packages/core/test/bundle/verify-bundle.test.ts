import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  InvariantError,
  LocalVerifier,
  canonicalize,
  computeBundleHash,
  createPolicy,
  createTrustRoot,
  createTrustRootVerifier,
  generateBundle,
  verifyBundle,
  type BundleManifest,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { fixtureKey, trustKey } from "../helpers/trust-fixtures.js";

const key = fixtureKey(7, "bundle-key-1");
const other = fixtureKey(8, "bundle-key-2");
const verifier = new LocalVerifier(key.publicKeyPem);

async function bundle(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), "parmana-verify-bundle-"));
  const { dir } = createPolicy(root, "claims");
  await generateBundle(dir, { signer: key.signer });
  return dir;
}

function editJson(path: string, edit: (value: Record<string, unknown>) => void): void {
  const value = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  edit(value);
  writeFileSync(path, canonicalize(value));
}

describe("verifyBundle", () => {
  it("accepts an intact bundle and reports its identity", async () => {
    const dir = await bundle();
    const manifest = JSON.parse(
      readFileSync(join(dir, "bundle.manifest.json"), "utf8"),
    ) as BundleManifest;
    expect(verifyBundle(dir, verifier)).toMatchObject({
      valid: true,
      checks: { manifest: true, content: true, bundleHash: true, signature: true },
      bundleHash: manifest.bundleHash,
      policyId: "claims",
      version: "1.0.0",
      keyId: "bundle-key-1",
      errors: [],
    });
  });

  it("still accepts the bundle after policy.json is converted to CRLF (same content)", async () => {
    const dir = await bundle();
    const path = join(dir, "policy.json");
    writeFileSync(path, readFileSync(path, "utf8").replace(/\n/g, "\r\n"));
    expect(verifyBundle(dir, verifier).valid).toBe(true);
  });

  it("tampered policy.json: content mismatch (TRUST-042), the signature itself still verifies", async () => {
    const dir = await bundle();
    const path = join(dir, "policy.json");
    writeFileSync(path, readFileSync(path, "utf8").replace("1000", "1000000"));
    const result = verifyBundle(dir, verifier);
    expect(result.valid).toBe(false);
    expect(result.checks).toEqual({
      manifest: true,
      content: false,
      bundleHash: true,
      signature: true,
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^\[TRUST-042\] policy\.json changed after the bundle was built/,
    );
  });

  it("tampered bundle.sig: signature failure (TRUST-045), content intact", async () => {
    const dir = await bundle();
    editJson(join(dir, "bundle.sig"), (sig) => {
      const bytes = Buffer.from(sig["signature"] as string, "base64");
      bytes[10] = (bytes[10] as number) ^ 1;
      sig["signature"] = bytes.toString("base64");
    });
    const result = verifyBundle(dir, verifier);
    expect(result.checks).toEqual({
      manifest: true,
      content: true,
      bundleHash: true,
      signature: false,
    });
    expect(result.errors).toEqual([
      "[TRUST-045] bundle.sig does not verify over the manifest under the verifier's key (bundle.sig names key bundle-key-1)",
    ]);
  });

  it("a manifest edited after signing fails the signature; a forged bundleHash fails TRUST-043", async () => {
    const dir = await bundle();
    const path = join(dir, "bundle.manifest.json");
    const original = readFileSync(path, "utf8");
    editJson(path, (manifest) => {
      (manifest["runtimeRequirements"] as Record<string, unknown>)["minRuntimeVersion"] = "0.0.1";
    });
    expect(verifyBundle(dir, verifier).checks).toEqual({
      manifest: true,
      content: true,
      bundleHash: true,
      signature: false,
    });
    writeFileSync(path, original);
    editJson(path, (manifest) => {
      manifest["bundleHash"] = `sha256:${"0".repeat(64)}`;
    });
    const result = verifyBundle(dir, verifier);
    expect(result.checks.bundleHash).toBe(false);
    expect(result.errors[0]).toMatch(/^\[TRUST-043\]/);
  });

  it("TRUST-048 when policy.json names another identity than the manifest (re-hashed to hide it)", async () => {
    const dir = await bundle();
    const policyPath = join(dir, "policy.json");
    editJson(policyPath, (policy) => {
      policy["policyVersion"] = "9.9.9";
    });
    editJson(join(dir, "bundle.manifest.json"), (manifest) => {
      const text = readFileSync(policyPath, "utf8");
      manifest["artifacts"] = [
        { path: "policy.json", hash: "sha256:" + createHash("sha256").update(text).digest("hex") },
      ];
      manifest["bundleHash"] = computeBundleHash(manifest as unknown as BundleManifest);
    });
    const result = verifyBundle(dir, verifier);
    expect(result.errors[0]).toBe(
      "[TRUST-048] policy.json differs from the manifest in policyVersion",
    );
    expect(result.checks.signature).toBe(false);
  });

  it("TRUST-040 / TRUST-041 / TRUST-044 / TRUST-042 for missing or malformed files", async () => {
    const dir = await bundle();
    rmSync(join(dir, "bundle.sig"));
    expect(verifyBundle(dir, verifier).errors).toEqual([
      expect.stringMatching(/^\[TRUST-044\] bundle\.sig is missing/),
    ]);
    writeFileSync(join(dir, "bundle.sig"), JSON.stringify({ keyId: "k" }));
    expect(verifyBundle(dir, verifier).errors[0]).toMatch(
      /^\[TRUST-044\] bundle\.sig is malformed: algorithm/,
    );
    writeFileSync(join(dir, "bundle.manifest.json"), "[]");
    expect(verifyBundle(dir, verifier)).toMatchObject({
      valid: false,
      checks: { manifest: false },
      bundleHash: undefined,
      errors: [expect.stringMatching(/^\[TRUST-041\]/)],
    });
    rmSync(join(dir, "bundle.manifest.json"));
    expect(verifyBundle(dir, verifier).errors).toEqual([expect.stringMatching(/^\[TRUST-040\]/)]);

    const fresh = await bundle();
    rmSync(join(fresh, "policy.json"));
    expect(verifyBundle(fresh, verifier).errors[0]).toBe("[TRUST-042] policy.json is missing");
    editJson(join(fresh, "bundle.manifest.json"), (manifest) => {
      manifest["artifacts"] = [{ path: "../policy.json", hash: `sha256:${"0".repeat(64)}` }];
    });
    expect(verifyBundle(fresh, verifier).errors[0]).toMatch(
      /^\[TRUST-041\].*relative path inside the bundle/,
    );
  });

  it("refuses a bundle verified with another key", async () => {
    const dir = await bundle();
    expect(verifyBundle(dir, new LocalVerifier(other.publicKeyPem)).errors[0]).toMatch(
      /^\[TRUST-045\]/,
    );
  });

  it("with a trust-root verifier, tells an untrusted key (TRUST-046) from a bad signature (TRUST-045)", async () => {
    const dir = await bundle();
    const at = { at: "2026-06-01T00:00:00Z" };
    const trusting = createTrustRootVerifier(
      createTrustRoot({ keys: [trustKey(key, ["bundle"])] }),
      at,
    );
    expect(verifyBundle(dir, trusting).valid).toBe(true);
    const unknown = createTrustRootVerifier(
      createTrustRoot({ keys: [trustKey(other, ["manifest"])] }),
      at,
    );
    expect(verifyBundle(dir, unknown).errors[0]).toMatch(
      /^\[TRUST-046\] .*\[TRUST-020\] key "bundle-key-1" is not in trust root/,
    );
    const wrongPurpose = createTrustRootVerifier(
      createTrustRoot({ keys: [trustKey(key, ["attestation"])] }),
      at,
    );
    expect(verifyBundle(dir, wrongPurpose).errors[0]).toMatch(/^\[TRUST-046\] .*\[TRUST-024\]/);
    const revoked = createTrustRootVerifier(
      createTrustRoot({
        keys: [trustKey(key, ["manifest"], { revokedAt: "2026-05-01T00:00:00Z" })],
      }),
      at,
    );
    expect(verifyBundle(dir, revoked).errors[0]).toMatch(/^\[TRUST-046\] .*\[TRUST-021\]/);
    editJson(join(dir, "bundle.sig"), (sig) => {
      sig["signature"] = other.signer.sign("something else");
    });
    expect(verifyBundle(dir, trusting).errors).toEqual([
      "[TRUST-045] bundle.sig does not verify over the manifest under key bundle-key-1",
    ]);
  });

  it("returns a Promise for an asynchronous verifier", async () => {
    const dir = await bundle();
    const asyncVerifier = {
      verify: (payload: string, signature: string): Promise<boolean> =>
        Promise.resolve(verifier.verify(payload, signature)),
    };
    const pending = verifyBundle(dir, asyncVerifier);
    expect(pending).toBeInstanceOf(Promise);
    expect((await pending).valid).toBe(true);
    const failing = {
      verify: (): Promise<boolean> => Promise.reject(new Error("KMS unreachable")),
    };
    expect((await verifyBundle(dir, failing)).errors).toEqual([
      "[TRUST-045] the verifier failed: KMS unreachable",
    ]);
  });

  it("throws only for misuse: no verifier", async () => {
    const dir = await bundle();
    expectParmanaError(() => verifyBundle(dir, undefined as never), "INV-EXEC-002", InvariantError);
  });
});
