import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  LocalVerifier,
  TrustError,
  createBundleManifest,
  createPolicy,
  generateBundle,
  getRuntimeManifest,
  type Signer,
} from "@parmanasystems/core";
import {
  expectParmanaError,
  expectRejectsParmanaError,
} from "../../../../test-support/expect-parmana-error.js";
import { fixtureKey } from "../helpers/trust-fixtures.js";

const key = fixtureKey(7, "bundle-key-1");
const sha = (data: string | Buffer): string =>
  "sha256:" + createHash("sha256").update(data).digest("hex");

function scaffold(): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), "parmana-bundle-"));
  const { dir } = createPolicy(root, "loan-approval");
  return { root, dir };
}

describe("generateBundle", () => {
  it("writes a canonical manifest with identity, artifact hash, bundleHash and runtime requirements, no timestamps", async () => {
    const { dir } = scaffold();
    const generated = await generateBundle(dir, { signer: key.signer });
    const manifestText = readFileSync(join(dir, "bundle.manifest.json"), "utf8");
    const policyBytes = readFileSync(join(dir, "policy.json"));
    const manifest = JSON.parse(manifestText) as Record<string, unknown>;
    expect(Object.keys(manifest)).toEqual([
      "artifacts",
      "bundleHash",
      "bundleManifestVersion",
      "policyId",
      "policyVersion",
      "runtimeRequirements",
      "schemaVersion",
    ]);
    expect(manifest["artifacts"]).toEqual([{ hash: sha(policyBytes), path: "policy.json" }]);
    // Independently built canonical text of the bundleHash input (keys sorted, no whitespace).
    const identity = `{"artifacts":[{"hash":"${sha(policyBytes)}","path":"policy.json"}],"policyId":"loan-approval","policyVersion":"1.0.0","schemaVersion":"1.0.0"}`;
    expect(manifest["bundleHash"]).toBe(sha(identity));
    expect(manifest["runtimeRequirements"]).toEqual({
      capabilities: ["composite:all", "operator:less_than_or_equal", "signal-type:number"],
      evaluatorSemanticVersion: "1.0.0",
      minRuntimeVersion: getRuntimeManifest().runtimeVersion,
      schemaVersion: "1.0.0",
    });
    expect(generated.manifestHash).toBe(sha(manifestText));
    expect(generated.bundleHash).toBe(manifest["bundleHash"]);
    expect(manifestText).not.toMatch(/\s/);
  });

  it("signs the manifest under the manifest domain", async () => {
    const { dir } = scaffold();
    await generateBundle(dir, { signer: key.signer });
    const manifestText = readFileSync(join(dir, "bundle.manifest.json"), "utf8");
    const sig = JSON.parse(readFileSync(join(dir, "bundle.sig"), "utf8")) as {
      keyId: string;
      algorithm: string;
      signature: string;
    };
    expect(sig.keyId).toBe("bundle-key-1");
    expect(sig.algorithm).toBe("ed25519");
    const verifier = new LocalVerifier(key.publicKeyPem);
    expect(
      verifier.verify(`{"domain":"PARMANA_MANIFEST_V1","payload":${manifestText}}`, sig.signature),
    ).toBe(true);
    expect(
      verifier.verify(
        `{"domain":"PARMANA_ATTESTATION_V1","payload":${manifestText}}`,
        sig.signature,
      ),
    ).toBe(false);
  });

  it("gives byte-identical files for the same content, in another folder or built again", async () => {
    const first = scaffold();
    const second = scaffold();
    await generateBundle(first.dir, { signer: key.signer });
    await generateBundle(second.dir, { signer: key.signer });
    const files = (dir: string): string[] =>
      ["bundle.manifest.json", "bundle.sig"].map((name) => readFileSync(join(dir, name), "utf8"));
    expect(files(second.dir)).toEqual(files(first.dir));
    const before = files(first.dir);
    await generateBundle(first.dir, { signer: key.signer });
    expect(files(first.dir)).toEqual(before);
  });

  it("hashes a policy saved with CRLF line endings or a BOM like the LF original", async () => {
    const { dir } = scaffold();
    const lf = readFileSync(join(dir, "policy.json"), "utf8");
    const windowsRoot = mkdtempSync(join(tmpdir(), "parmana-crlf-"));
    const windowsDir = join(windowsRoot, "loan-approval", "1.0.0");
    mkdirSync(windowsDir, { recursive: true });
    writeFileSync(join(windowsDir, "policy.json"), "\uFEFF" + lf.replace(/\n/g, "\r\n"));
    expect(readFileSync(join(windowsDir, "policy.json"))).not.toEqual(
      readFileSync(join(dir, "policy.json")),
    );
    const unix = await generateBundle(dir, { signer: key.signer });
    const windows = await generateBundle(windowsDir, { signer: key.signer });
    expect(windows.bundleHash).toBe(unix.bundleHash);
    expect(windows.manifest.artifacts).toEqual(unix.manifest.artifacts);
    expect(windows.signature).toEqual(unix.signature);
  });

  it("writes to outDir with a copy of policy.json, and accepts the policy.json path", async () => {
    const { dir } = scaffold();
    const out = join(mkdtempSync(join(tmpdir(), "parmana-out-")), "bundle");
    const generated = await generateBundle(join(dir, "policy.json"), {
      signer: key.signer,
      outDir: out,
    });
    expect(readdirSync(out).sort()).toEqual(["bundle.manifest.json", "bundle.sig", "policy.json"]);
    expect(readFileSync(join(out, "policy.json"))).toEqual(readFileSync(join(dir, "policy.json")));
    expect(existsSync(join(dir, "bundle.sig"))).toBe(false);
    expect(generated.dir).toBe(out);
  });

  it("lets the author lower minRuntimeVersion", () => {
    const { dir } = scaffold();
    expect(
      createBundleManifest(dir, { minRuntimeVersion: "0.0.1" }).runtimeRequirements
        .minRuntimeVersion,
    ).toBe("0.0.1");
    expectParmanaError(
      () => createBundleManifest(dir, { minRuntimeVersion: "latest" }),
      "TRUST-041",
      TrustError,
    );
  });

  it("TRUST-050 without policy.json, TRUST-051 for a policy that does not compile, writing nothing", async () => {
    const empty = mkdtempSync(join(tmpdir(), "parmana-empty-"));
    await expectRejectsParmanaError(
      generateBundle(empty, { signer: key.signer }),
      "TRUST-050",
      TrustError,
      /policy\.json is missing/,
    );
    const { dir } = scaffold();
    const policy = JSON.parse(readFileSync(join(dir, "policy.json"), "utf8")) as {
      rules: { condition: unknown }[];
    };
    policy.rules[0]!.condition = { all: [{ signal: "amount", bigger: 3 }] };
    writeFileSync(join(dir, "policy.json"), JSON.stringify(policy));
    const error = await expectRejectsParmanaError(
      generateBundle(dir, { signer: key.signer }),
      "TRUST-051",
      TrustError,
      /does not compile: \[POL-/,
    );
    expect((error.details?.["problems"] as unknown[]).length).toBeGreaterThan(0);
    expect(existsSync(join(dir, "bundle.manifest.json"))).toBe(false);
    writeFileSync(join(dir, "policy.json"), "{ nope");
    await expectRejectsParmanaError(
      generateBundle(dir, { signer: key.signer }),
      "TRUST-051",
      TrustError,
      /not valid JSON/,
    );
  });

  it("TRUST-051 when the file disagrees with its <policyId>/<version> folders", async () => {
    const { root, dir } = scaffold();
    const moved = join(root, "other-id", "1.0.0");
    mkdirSync(moved, { recursive: true });
    writeFileSync(join(moved, "policy.json"), readFileSync(join(dir, "policy.json")));
    await expectRejectsParmanaError(
      generateBundle(moved, { signer: key.signer }),
      "TRUST-051",
      TrustError,
      /POL-008/,
    );
  });

  it("TRUST-052 for a signer without keyId, a failing signer, or one returning garbage", async () => {
    const { dir } = scaffold();
    const noKeyId: Signer = { sign: (payload) => key.signer.sign(payload) };
    await expectRejectsParmanaError(
      generateBundle(dir, { signer: noKeyId }),
      "TRUST-052",
      TrustError,
      /no keyId/,
    );
    await expectRejectsParmanaError(
      generateBundle(dir, {
        signer: { signerKeyId: "k", sign: () => Promise.reject(new Error("KMS down")) },
      }),
      "TRUST-052",
      TrustError,
      /KMS down/,
    );
    await expectRejectsParmanaError(
      generateBundle(dir, { signer: { signerKeyId: "k", sign: () => "not base64!" } }),
      "TRUST-052",
      TrustError,
      /base64/,
    );
    await expectRejectsParmanaError(
      generateBundle(dir, undefined as never),
      "TRUST-052",
      TrustError,
    );
    expect(existsSync(join(dir, "bundle.sig"))).toBe(false);
  });

  it("accepts an asynchronous signer (KMS-like)", async () => {
    const { dir } = scaffold();
    const asyncSigner: Signer = {
      signerKeyId: key.keyId,
      sign: (payload) => Promise.resolve(key.signer.sign(payload)),
    };
    const generated = await generateBundle(dir, { signer: asyncSigner });
    expect(generated.signature.signature).toBe(
      key.signer.sign(
        `{"domain":"PARMANA_MANIFEST_V1","payload":${readFileSync(join(dir, "bundle.manifest.json"), "utf8")}}`,
      ),
    );
  });
});
