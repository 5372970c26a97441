// Checks the manifests the build writes into dist/ against the built files themselves, which
// the source-level tests cannot see: run `pnpm --filter @parmanasystems/core build` first.
// Without a dist folder the suite is skipped with a warning, except under CI=true, where the
// build must have run and a missing dist fails.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));
const repoRoot = join(packageRoot, "..", "..");
const dist = join(packageRoot, "dist");
const built =
  existsSync(join(dist, "runtime-manifest.json")) && existsSync(join(dist, "index.cjs"));
const inCi = process.env["CI"] === "true";

if (!built && !inCi) {
  console.warn(
    `[skip] ${dist} has no built runtime manifest; run \`pnpm --filter @parmanasystems/core build\` to check it`,
  );
}

interface Identity {
  runtimeVersion: string;
  runtimeHash: string;
  releaseManifestHash: string;
  evaluatorSemanticHash: string;
  evaluatorArtifactHash: string;
}
interface BuiltCore {
  getRuntimeIdentity(): Identity;
  getRuntimeManifest(): { source: string; files: Record<string, string> };
  getReleaseManifest(): unknown; // from the `internal` entry
  verifyRuntime(manifest: unknown, options: object): { valid: boolean; errors: string[] };
}

const sha256File = (path: string): string =>
  "sha256:" + createHash("sha256").update(readFileSync(path)).digest("hex");
const sha256Text = (text: string): string =>
  "sha256:" + createHash("sha256").update(text).digest("hex");

function runScript(script: string, args: string[]): string {
  return execFileSync(process.execPath, [script, ...args], { encoding: "utf8" });
}

describe.skipIf(!built && !inCi)("the built runtime manifest", () => {
  it("exists (CI builds before testing)", () => {
    expect(built, `${dist}/runtime-manifest.json is missing: run pnpm build before the tests`).toBe(
      true,
    );
  });

  it("lists exactly the built code files with their SHA-256", () => {
    const manifest = JSON.parse(readFileSync(join(dist, "runtime-manifest.json"), "utf8")) as {
      files: Record<string, string>;
      source: string;
    };
    const codeFiles = readdirSync(dist)
      .filter((name) => /\.(?:c|m)?js$/.test(name) && !name.startsWith("runtime-identity."))
      .sort();
    // The two entries (the public API and `internal`) in both module formats, and the chunks
    // they share: code splitting keeps one copy of every module, so all of it is hashed here.
    expect(codeFiles.filter((name) => !name.startsWith("chunk-"))).toEqual([
      "index.cjs",
      "index.js",
      "internal.cjs",
      "internal.js",
    ]);
    expect(codeFiles.filter((name) => /^chunk-[\w-]+\.c?js$/.test(name)).length).toBeGreaterThan(0);
    // the embedded copy of the manifests (for bundlers) describes the code and is not hashed
    expect(
      readdirSync(dist)
        .filter((name) => name.startsWith("runtime-identity."))
        .sort(),
    ).toEqual(["runtime-identity.cjs", "runtime-identity.js"]);
    expect(manifest.files).toEqual(
      Object.fromEntries(codeFiles.map((name) => [name, sha256File(join(dist, name))])),
    );
    expect(manifest.source).toBe("build");
  });

  it("is canonical JSON, so sha256 of the file is the runtimeHash both module formats report", async () => {
    const text = readFileSync(join(dist, "runtime-manifest.json"), "utf8");
    const esm = (await import(pathToFileURL(join(dist, "index.js")).href)) as BuiltCore;
    const cjs = createRequire(import.meta.url)(join(dist, "index.cjs")) as BuiltCore;
    const identity = esm.getRuntimeIdentity();
    expect(identity.runtimeHash).toBe(sha256Text(text));
    expect(cjs.getRuntimeIdentity()).toEqual(identity);
    expect(esm.getRuntimeManifest().source).toBe("build");
    expect(identity.releaseManifestHash).toBe(sha256File(join(dist, "release-manifest.json")));
    const files = JSON.parse(text).files as Record<string, string>;
    // Every code file, chunks included (the keys are already in canonical order).
    expect(Object.keys(files)).toEqual(Object.keys(files).sort());
    expect(identity.evaluatorArtifactHash).toBe(sha256Text(JSON.stringify({ files })));
  });

  it("is listed in the release manifest, which hashes every built file of core", async () => {
    const release = JSON.parse(readFileSync(join(dist, "release-manifest.json"), "utf8")) as {
      packages: Record<string, { version: string; files: Record<string, string> }>;
    };
    const core = release.packages["@parmanasystems/core"];
    const version = (
      JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string }
    ).version;
    expect(core?.version).toBe(version);
    const shipped = readdirSync(dist)
      .filter(
        (name) =>
          !["release-manifest.json", "runtime-history.json"].includes(name) &&
          !name.startsWith("runtime-identity."),
      )
      .sort();
    expect(Object.keys(core?.files ?? {}).sort()).toEqual(shipped.map((name) => `dist/${name}`));
    for (const name of shipped)
      expect(core?.files[`dist/${name}`], name).toBe(sha256File(join(dist, name)));
    const esm = (await import(pathToFileURL(join(dist, "index.js")).href)) as BuiltCore;
    const internal = (await import(pathToFileURL(join(dist, "internal.js")).href)) as Pick<
      BuiltCore,
      "getReleaseManifest"
    >;
    expect(
      esm.verifyRuntime(esm.getRuntimeManifest(), {
        releaseManifest: internal.getReleaseManifest(),
        distDir: dist,
      }),
    ).toMatchObject({ valid: true, errors: [] });
  });

  it("builds the same hashes twice: the generators are deterministic", () => {
    const runs = [0, 1].map(() => {
      const copy = mkdtempSync(join(tmpdir(), "parmana-dist-copy-"));
      for (const name of readdirSync(dist).filter((file) => /\.c?js$/.test(file)))
        copyFileSync(join(dist, name), join(copy, name));
      runScript(join(packageRoot, "scripts", "generate-runtime-manifest.mjs"), [
        "--dist",
        copy,
        "--package",
        join(packageRoot, "package.json"),
      ]);
      return readFileSync(join(copy, "runtime-manifest.json"), "utf8");
    });
    expect(runs[1]).toBe(runs[0]);
    expect(runs[0]).toBe(readFileSync(join(dist, "runtime-manifest.json"), "utf8"));

    const releases = [0, 1].map((run) => {
      const root = mkdtempSync(join(tmpdir(), "parmana-release-"));
      const copyDist = join(root, "packages", "core", "dist");
      mkdirSync(copyDist, { recursive: true });
      copyFileSync(
        join(packageRoot, "package.json"),
        join(root, "packages", "core", "package.json"),
      );
      for (const name of readdirSync(dist))
        if (name !== "release-manifest.json") copyFileSync(join(dist, name), join(copyDist, name));
      // Other packages never change it, built or not (a stale build of one used to).
      mkdirSync(join(root, "packages", "cli", "dist"), { recursive: true });
      writeFileSync(
        join(root, "packages", "cli", "package.json"),
        JSON.stringify({ name: "@parmanasystems/cli", version: `0.${run}.0` }),
      );
      writeFileSync(join(root, "packages", "cli", "dist", "bin.js"), `// build ${run}\n`);
      mkdirSync(join(root, "packages", `not-built-${run}`));
      writeFileSync(
        join(root, "packages", `not-built-${run}`, "package.json"),
        JSON.stringify({ name: "x", version: "1.0.0" }),
      );
      const out = join(root, "release.json");
      runScript(join(repoRoot, "scripts", "generate-release-manifest.mjs"), [
        "--root",
        root,
        "--out",
        out,
      ]);
      return readFileSync(out, "utf8");
    });
    expect(releases[1]).toBe(releases[0]);
    const listed = JSON.parse(releases[0] as string) as { packages: Record<string, unknown> };
    expect(Object.keys(listed.packages)).toEqual(["@parmanasystems/core"]);
    // ...and it is exactly what the build wrote, so a clean build reproduces releaseManifestHash.
    expect(releases[0]).toBe(readFileSync(join(dist, "release-manifest.json"), "utf8"));
  });

  it("the build's verifyRuntime catches a changed file in a copy of dist", async () => {
    const copy = mkdtempSync(join(tmpdir(), "parmana-dist-tampered-"));
    for (const name of readdirSync(dist).filter((file) => /\.c?js$/.test(file)))
      copyFileSync(join(dist, name), join(copy, name));
    writeFileSync(
      join(copy, "index.cjs"),
      readFileSync(join(copy, "index.cjs"), "utf8") + "\n// patched\n",
    );
    const esm = (await import(pathToFileURL(join(dist, "index.js")).href)) as BuiltCore;
    const result = esm.verifyRuntime(esm.getRuntimeManifest(), { distDir: copy });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^\[TRUST-065\] index\.cjs in .* hashes to sha256:/),
    ]);
  });
});
