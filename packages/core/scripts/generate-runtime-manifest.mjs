#!/usr/bin/env node
// Writes dist/runtime-manifest.json after tsup: the runtime version, the evaluator semantics
// hash and the SHA-256 of every built code file, in canonical JSON (so `sha256sum` of the file
// equals the runtimeHash). It also ships src/runtime/runtime-history.json as
// dist/runtime-history.json, outside the hashed files, so recording a release never changes
// that release's own hash.
//
// Usage: node scripts/generate-runtime-manifest.mjs [--dist <dir>] [--package <package.json>] [--history <json>]
//
// The manifest is built by the freshly built code itself (dist/index.js), so the same
// canonicaliser and semantics descriptor that run in production produce it.
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    dist: { type: "string", default: join(packageRoot, "dist") },
    package: { type: "string", default: join(packageRoot, "package.json") },
    history: {
      type: "string",
      default: join(packageRoot, "src", "runtime", "runtime-history.json"),
    },
  },
});
const distDir = resolve(values.dist);

// Code that runs: .js, .cjs, .mjs. Source maps and declaration files never execute, and the
// JSON files written here describe the code rather than being part of it.
const CODE_FILE = /\.(?:c|m)?js$/;
// The embedded copy of the manifests (scripts/embed-runtime-identity.mjs) describes the code too.
const DESCRIBES_CODE = new Set(["runtime-identity.js", "runtime-identity.cjs"]);

function listCodeFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listCodeFiles(path));
    else if (entry.isFile() && CODE_FILE.test(entry.name) && !DESCRIBES_CODE.has(entry.name))
      found.push(path);
  }
  return found;
}

function hashFile(path) {
  return "sha256:" + createHash("sha256").update(readFileSync(path)).digest("hex");
}

if (!existsSync(join(distDir, "index.js"))) {
  console.error(
    `generate-runtime-manifest: ${join(distDir, "index.js")} not found; run tsup first`,
  );
  process.exit(1);
}

const { version } = JSON.parse(readFileSync(values.package, "utf8"));
const files = {};
for (const path of listCodeFiles(distDir))
  files[relative(distDir, path).split(sep).join("/")] = hashFile(path);

const core = await import(pathToFileURL(join(distDir, "index.js")).href);
const manifest = core.createRuntimeManifest({ runtimeVersion: version, files, source: "build" });
writeFileSync(join(distDir, "runtime-manifest.json"), core.canonicalize(manifest));
if (existsSync(values.history)) copyFileSync(values.history, join(distDir, "runtime-history.json"));

console.log(
  `runtime-manifest.json: runtimeVersion ${version}, runtimeHash ${core.canonicalHash(manifest)}`,
);
