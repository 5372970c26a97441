import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  TrustError,
  canonicalHash,
  checkTrustedRuntime,
  createRuntimeManifest,
  getRuntimeIdentity,
  getRuntimeManifest,
  isTrustedRuntime,
  verifyRuntime,
  type RuntimeManifest,
} from "@parmanasystems/core";
import {
  getRuntimeHistory,
  parseRuntimeHistory,
  type ReleaseManifest,
} from "@parmanasystems/core/internal";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const sha = (text: string): string => "sha256:" + createHash("sha256").update(text).digest("hex");

/** A build-like runtime in a temp dist folder, with its release manifest. */
function fakeBuild(): { dist: string; manifest: RuntimeManifest; release: ReleaseManifest } {
  const dist = mkdtempSync(join(tmpdir(), "parmana-dist-"));
  writeFileSync(join(dist, "index.js"), "export const a = 1;\n");
  writeFileSync(join(dist, "index.cjs"), "exports.a = 1;\n");
  const manifest = createRuntimeManifest({
    runtimeVersion: "2.0.0",
    source: "build",
    files: { "index.js": sha("export const a = 1;\n"), "index.cjs": sha("exports.a = 1;\n") },
  });
  const release: ReleaseManifest = {
    releaseManifestVersion: "1",
    source: "build",
    packages: {
      "@parmanasystems/core": {
        version: "2.0.0",
        files: {
          "dist/index.js": manifest.files["index.js"] as string,
          "dist/index.cjs": manifest.files["index.cjs"] as string,
          "dist/runtime-manifest.json": canonicalHash(manifest),
        },
      },
    },
  };
  return { dist, manifest, release };
}

describe("verifyRuntime", () => {
  it("accepts a consistent build with its release manifest and dist folder", () => {
    const { dist, manifest, release } = fakeBuild();
    expect(
      verifyRuntime(manifest, {
        releaseManifest: release,
        distDir: dist,
        trustRoot: { trustedRuntimeHashes: [canonicalHash(manifest)] },
      }),
    ).toEqual({
      valid: true,
      runtimeHash: canonicalHash(manifest),
      errors: [],
      warnings: [],
    });
  });

  it("accepts the running development manifest, with a warning that it names no built files", () => {
    const result = verifyRuntime(getRuntimeManifest(), { trustRoot: { trustedRuntimeHashes: [] } });
    expect(result.valid).toBe(true);
    expect(result.runtimeHash).toBe(getRuntimeIdentity().runtimeHash);
    expect(result.warnings[0]).toMatch(/computed from source/);
  });

  it("TRUST-060 for a malformed manifest", () => {
    expect(verifyRuntime({ runtimeVersion: "1" }).errors[0]).toMatch(/^\[TRUST-060\]/);
    expect(verifyRuntime("nope").valid).toBe(false);
    expect(verifyRuntime({ ...fakeBuild().manifest, extra: 1 }).errors[0]).toMatch(
      /^\[TRUST-060\].*unknown member extra/,
    );
  });

  it("TRUST-066 when evaluatorArtifactHash does not match the files", () => {
    const { manifest } = fakeBuild();
    const edited = { ...manifest, files: { ...manifest.files, "index.js": sha("evil") } };
    expect(verifyRuntime(edited).errors).toEqual([
      "[TRUST-066] evaluatorArtifactHash is not canonicalHash({ files }) of the manifest's files",
    ]);
  });

  it("TRUST-064 when the release manifest names another version or runtime manifest", () => {
    const { manifest, release } = fakeBuild();
    const core = release.packages["@parmanasystems/core"]!;
    const otherVersion = {
      ...release,
      packages: { "@parmanasystems/core": { ...core, version: "2.0.1" } },
    };
    expect(verifyRuntime(manifest, { releaseManifest: otherVersion }).errors).toEqual([
      "[TRUST-064] the release manifest lists @parmanasystems/core 2.0.1, the runtime is 2.0.0",
    ]);
    const otherRuntime = {
      ...release,
      packages: {
        "@parmanasystems/core": {
          ...core,
          files: { ...core.files, "dist/runtime-manifest.json": sha("x") },
        },
      },
    };
    expect(verifyRuntime(manifest, { releaseManifest: otherRuntime }).errors[0]).toMatch(
      /^\[TRUST-064\] the release manifest's dist\/runtime-manifest.json hash/,
    );
    expect(
      verifyRuntime(manifest, { releaseManifest: { ...release, packages: {} } }).errors[0],
    ).toMatch(/^\[TRUST-064\] the release manifest does not list/);
    expect(
      verifyRuntime(manifest, { releaseManifest: { packages: 1 } as unknown as ReleaseManifest })
        .errors[0],
    ).toMatch(/^\[TRUST-062\]/);
  });

  it("TRUST-065 when a built file differs from the release manifest or from disk", () => {
    const { dist, manifest, release } = fakeBuild();
    const core = release.packages["@parmanasystems/core"]!;
    const otherFile = {
      ...release,
      packages: {
        "@parmanasystems/core": { ...core, files: { ...core.files, "dist/index.cjs": sha("y") } },
      },
    };
    expect(verifyRuntime(manifest, { releaseManifest: otherFile }).errors[0]).toMatch(
      /^\[TRUST-065\] dist\/index.cjs/,
    );
    writeFileSync(join(dist, "index.js"), "export const a = 2;\n");
    expect(verifyRuntime(manifest, { distDir: dist }).errors).toEqual([
      `[TRUST-065] index.js in ${dist} hashes to ${sha("export const a = 2;\n")}, the runtime manifest says ${manifest.files["index.js"]}`,
    ]);
    expect(verifyRuntime(manifest, { distDir: join(dist, "missing") }).errors).toHaveLength(2);
  });

  it("TRUST-069: file names that leave the dist folder are refused unread, and no hash of them is shown", () => {
    const { dist } = fakeBuild();
    const outside = join(dist, "..", `secret-${Date.now()}.txt`);
    writeFileSync(outside, "top secret\n");
    mkdirSync(join(dist, "sub"));
    symlinkSync(outside, join(dist, "sub", "link.js"));
    const names = [
      `../${outside.split("/").at(-1)}`,
      "sub/../../x.js",
      outside,
      "./index.js",
      "a\\..\\b.js",
      "",
      "c:/x.js",
    ];
    const manifest = createRuntimeManifest({
      runtimeVersion: "2.0.0",
      source: "build",
      files: Object.fromEntries([...names, "sub/link.js"].map((name) => [name, sha("x")])),
    });
    const errors = verifyRuntime(manifest, { distDir: dist }).errors;
    const confinement = errors.filter((error) => error.startsWith("[TRUST-069]"));
    expect(confinement).toHaveLength(names.length + 1);
    expect(confinement.at(-1)).toBe(
      `[TRUST-069] sub/link.js named by the runtime manifest leads outside ${dist} (a symlink); not read`,
    );
    expect(errors.join("\n")).not.toContain(sha("top secret\n"));
  });

  it("TRUST-067 when the trust root does not vouch for the runtime", () => {
    const { manifest } = fakeBuild();
    expect(
      verifyRuntime(manifest, { trustRoot: { trustedRuntimeHashes: [sha("other")] } }).errors[0],
    ).toMatch(/^\[TRUST-067\]/);
  });
});

describe("isTrustedRuntime", () => {
  const running = getRuntimeIdentity();

  it("trusts the running runtime with its own version only", () => {
    expect(checkTrustedRuntime(running.runtimeHash, running.runtimeVersion)).toEqual({
      trusted: true,
      source: "running",
    });
    expect(checkTrustedRuntime(running.runtimeHash, "9.9.9")).toMatchObject({
      trusted: false,
      code: "TRUST-068",
    });
  });

  it("trusts hashes from the trust root or options, and runtimes from options with their version", () => {
    const other = sha("another build");
    expect(checkTrustedRuntime(other, "1.0.0")).toMatchObject({
      trusted: false,
      code: "TRUST-067",
    });
    expect(
      checkTrustedRuntime(other, "1.0.0", { trustRoot: { trustedRuntimeHashes: [other] } }),
    ).toEqual({ trusted: true, source: "trust-root" });
    expect(isTrustedRuntime(other, "1.0.0", { trustedRuntimeHashes: [other] })).toBe(true);
    expect(
      isTrustedRuntime(other, "1.0.0", {
        trustedRuntimes: [{ runtimeHash: other, runtimeVersion: "1.0.0" }],
      }),
    ).toBe(true);
    expect(
      isTrustedRuntime(other, "1.0.1", {
        trustedRuntimes: [{ runtimeHash: other, runtimeVersion: "1.0.0" }],
      }),
    ).toBe(false);
  });

  it("trusts every earlier release in the committed history, with its version", () => {
    for (const entry of getRuntimeHistory()) {
      expect(checkTrustedRuntime(entry.runtimeHash, entry.runtimeVersion).trusted).toBe(true);
      expect(
        checkTrustedRuntime(entry.runtimeHash, `${entry.runtimeVersion}-tampered`).trusted,
      ).toBe(false);
    }
  });
});

describe("parseRuntimeHistory", () => {
  it("reads well-formed entries", () => {
    const entry = {
      runtimeVersion: "0.1.0",
      runtimeHash: sha("a"),
      evaluatorSemanticHash: sha("b"),
    };
    expect(parseRuntimeHistory(JSON.stringify([entry]))).toEqual([entry]);
  });

  it.each([
    ["not JSON", "[", /not valid JSON/],
    ["not a list", "{}", /must be a JSON list/],
    [
      "bad version",
      JSON.stringify([{ runtimeVersion: "v1", runtimeHash: sha("a") }]),
      /runtimeVersion/,
    ],
    ["bare hash", JSON.stringify([{ runtimeVersion: "1.0.0", runtimeHash: "ab" }]), /runtimeHash/],
    [
      "bad optional hash",
      JSON.stringify([{ runtimeVersion: "1.0.0", runtimeHash: sha("a"), releaseManifestHash: 3 }]),
      /releaseManifestHash/,
    ],
  ])("TRUST-063 for %s", (_name, text, message) => {
    expectParmanaError(() => parseRuntimeHistory(text), "TRUST-063", TrustError, message);
  });
});
