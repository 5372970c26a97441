// verifyBundleManifest (WebCrypto, in memory) against core's verifyBundle (node:crypto, files):
// the same checks, codes and messages on an intact bundle and on each kind of damage.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  canonicalize,
  createPolicy,
  createTrustRoot,
  createTrustRootKey,
  createTrustRootVerifier,
  ed25519PrivateKeyFromRaw,
  exportPublicKeyPem,
  generateBundle,
  LocalSigner,
  LocalVerifier,
  verifyBundle,
  type TrustRoot,
  type Verifier,
} from "@parmanasystems/core";
import { InvariantError, verifyBundleManifest } from "@parmanasystems/verify";
import { afterAll, describe, expect, it } from "vitest";

const privateKey = ed25519PrivateKeyFromRaw(new Uint8Array(32).fill(0x41));
const pem = exportPublicKeyPem(privateKey);
const signer = new LocalSigner(privateKey, { keyId: "bundle-key" });
const otherPem = exportPublicKeyPem(ed25519PrivateKeyFromRaw(new Uint8Array(32).fill(0x42)));
const roots: string[] = [];

async function makeBundle(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), "parmana-verify-manifest-"));
  roots.push(root);
  const { dir } = createPolicy(root, "claims");
  await generateBundle(dir, { signer });
  return dir;
}

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function read(dir: string): { manifest: unknown; signature: unknown; policy: string } {
  return {
    manifest: JSON.parse(readFileSync(join(dir, "bundle.manifest.json"), "utf8")),
    signature: JSON.parse(readFileSync(join(dir, "bundle.sig"), "utf8")),
    policy: readFileSync(join(dir, "policy.json"), "utf8"),
  };
}

async function both(
  dir: string,
  coreVerifier: Verifier,
  key: string | TrustRoot,
): Promise<{ core: unknown; portable: unknown }> {
  const core = await verifyBundle(dir, coreVerifier);
  const { manifest, signature, policy } = read(dir);
  const portable = await verifyBundleManifest(manifest, signature, key, {
    artifacts: { "policy.json": policy },
  });
  return { core, portable };
}

describe("verifyBundleManifest agrees with core's verifyBundle", () => {
  const cases: [string, (dir: string) => void][] = [
    ["an intact bundle", () => undefined],
    [
      "policy.json changed",
      (dir) =>
        writeFileSync(
          join(dir, "policy.json"),
          readFileSync(join(dir, "policy.json"), "utf8").replace("claims", "claimz"),
        ),
    ],
    [
      "bundleHash changed",
      (dir) => {
        const manifest = JSON.parse(
          readFileSync(join(dir, "bundle.manifest.json"), "utf8"),
        ) as Record<string, unknown>;
        manifest["bundleHash"] = `sha256:${"0".repeat(64)}`;
        writeFileSync(join(dir, "bundle.manifest.json"), canonicalize(manifest));
      },
    ],
    [
      "signature changed",
      (dir) => {
        const sig = JSON.parse(readFileSync(join(dir, "bundle.sig"), "utf8")) as Record<
          string,
          string
        >;
        sig["signature"] =
          `${sig["signature"]?.slice(0, 5) === "AAAAA" ? "BBBBB" : "AAAAA"}${sig["signature"]?.slice(5)}`;
        writeFileSync(join(dir, "bundle.sig"), canonicalize(sig));
      },
    ],
    [
      "bundle.sig malformed",
      (dir) =>
        writeFileSync(
          join(dir, "bundle.sig"),
          canonicalize({ keyId: "k", algorithm: "rsa", signature: "!" }),
        ),
    ],
    [
      "policy.json with CRLF and a BOM (same hash)",
      (dir) =>
        writeFileSync(
          join(dir, "policy.json"),
          `\uFEFF${readFileSync(join(dir, "policy.json"), "utf8").replace(/\n/g, "\r\n")}`,
        ),
    ],
  ];
  for (const [name, damage] of cases) {
    it(`${name}: same result with the bundle key`, async () => {
      const dir = await makeBundle();
      damage(dir);
      const { core, portable } = await both(dir, new LocalVerifier(pem), pem);
      expect(portable).toEqual(core);
    });
  }

  it("a wrong key: TRUST-045 from both", async () => {
    const dir = await makeBundle();
    const { core, portable } = await both(dir, new LocalVerifier(otherPem), otherPem);
    expect(portable).toEqual(core);
    expect((portable as { errors: string[] }).errors[0]).toMatch(/^\[TRUST-045\]/);
  });

  for (const purposes of [["manifest"], ["attestation"]] as const) {
    it(`with a trust root whose key may sign ${purposes[0]}`, async () => {
      const dir = await makeBundle();
      const root = createTrustRoot({
        trustRootVersion: "r1",
        keys: [
          createTrustRootKey(pem, {
            keyId: "bundle-key",
            purposes: [...purposes],
            validFrom: "2020-01-01T00:00:00Z",
          }),
        ],
      });
      const { core, portable } = await both(dir, createTrustRootVerifier(root), root);
      expect(portable).toEqual(core);
      expect((portable as { valid: boolean }).valid).toBe(purposes[0] === "manifest");
    });
  }

  it("without the files, checks the manifest and signature only (content null)", async () => {
    const dir = await makeBundle();
    const { manifest, signature } = read(dir);
    const result = await verifyBundleManifest(manifest, signature, pem);
    expect(result.valid).toBe(true);
    expect(result.checks).toEqual({
      manifest: true,
      content: null,
      bundleHash: true,
      signature: true,
    });
  });

  it("reports a malformed manifest, and refuses a missing key", async () => {
    const result = await verifyBundleManifest({ policyId: 1 }, {}, pem);
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(/^\[TRUST-041\] bundle.manifest.json is malformed: /);
    await expect(verifyBundleManifest({}, {}, undefined as never)).rejects.toThrow(InvariantError);
    await expect(verifyBundleManifest({}, {}, undefined as never)).rejects.toThrow(
      /^\[INV-EXEC-002\] /,
    );
  });
});
