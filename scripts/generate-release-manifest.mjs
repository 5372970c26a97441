#!/usr/bin/env node
// Writes packages/core/dist/release-manifest.json: the built files of the released runtime
// (@parmanasystems/core, the code that decides and signs) with their SHA-256, in canonical JSON,
// so `sha256sum` of the file equals the releaseManifestHash that attestations carry.
//
// Core's build runs this right after its runtime manifest. It lists core alone on purpose: an
// earlier version listed every package whose dist/ happened to exist when core was built, so
// the hash depended on build order and on stale builds of other packages, and a clean build did
// not reproduce the recorded one. Core's built files carry no paths or timestamps, so the same
// source and lockfile give the same releaseManifestHash on any machine.
//
// Usage: node scripts/generate-release-manifest.mjs [--root <repo root>] [--out <file>]
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const defaultRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    root: { type: "string", default: defaultRoot },
    out: { type: "string" },
  },
});
const root = resolve(values.root);
const coreDist = join(root, "packages", "core", "dist");
const out = resolve(values.out ?? join(coreDist, "release-manifest.json"));

// The release manifest cannot list itself, and the runtime history is data about earlier
// releases that a release records after its build (see docs/runtime-identity.md).
// runtime-identity.js/.cjs embed this very file (for bundlers), so they cannot be listed either.
const EXCLUDED = new Set([
  "release-manifest.json",
  "runtime-history.json",
  "runtime-identity.js",
  "runtime-identity.cjs",
]);

function listFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(path));
    else if (entry.isFile() && !EXCLUDED.has(entry.name)) found.push(path);
  }
  return found;
}

function hashFile(path) {
  return "sha256:" + createHash("sha256").update(readFileSync(path)).digest("hex");
}

const packages = {};
const packagesDir = join(root, "packages");
for (const name of ["core"]) {
  const packageDir = join(packagesDir, name);
  const manifestPath = join(packageDir, "package.json");
  const distDir = join(packageDir, "dist");
  if (!existsSync(manifestPath) || !existsSync(distDir)) continue;
  const packageJson = JSON.parse(readFileSync(manifestPath, "utf8"));
  const files = {};
  for (const path of listFiles(distDir).sort())
    files[relative(packageDir, path).split(sep).join("/")] = hashFile(path);
  packages[packageJson.name] = { version: packageJson.version, files };
}

const core = await import(pathToFileURL(join(coreDist, "index.js")).href);
const manifest = { releaseManifestVersion: "1", source: "build", packages };
writeFileSync(out, core.canonicalize(manifest));
console.log(
  `release-manifest.json: ${Object.keys(packages).length} package(s), releaseManifestHash ${core.canonicalHash(manifest)}`,
);
