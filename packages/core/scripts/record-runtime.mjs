#!/usr/bin/env node
// Records the built runtime in src/runtime/runtime-history.json (and dist/runtime-history.json),
// so that every later release keeps trusting attestations made by this one. Run it as part of
// the release procedure in docs/runtime-identity.md, after `pnpm build`, and commit the history.
// The history is not part of the hashed code files, so recording never changes any runtimeHash.
//
// Usage: node scripts/record-runtime.mjs [--dist <dir>] [--history <json>]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    dist: { type: "string", default: join(packageRoot, "dist") },
    history: {
      type: "string",
      default: join(packageRoot, "src", "runtime", "runtime-history.json"),
    },
  },
});
const distDir = resolve(values.dist);
const manifestPath = join(distDir, "runtime-manifest.json");
if (!existsSync(manifestPath)) {
  console.error(
    `runtime:record: ${manifestPath} not found; run \`pnpm --filter @parmanasystems/core build\` first`,
  );
  process.exit(1);
}

const core = await import(pathToFileURL(join(distDir, "index.js")).href);
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const check = core.verifyRuntime(manifest, { distDir });
if (!check.valid || manifest.source !== "build") {
  console.error(
    `runtime:record: refusing to record ${manifestPath}:\n${[...check.errors, manifest.source !== "build" ? "not a build manifest" : ""].filter(Boolean).join("\n")}`,
  );
  process.exit(1);
}
const releasePath = join(distDir, "release-manifest.json");
const entry = {
  runtimeVersion: manifest.runtimeVersion,
  runtimeHash: core.canonicalHash(manifest),
  ...(existsSync(releasePath)
    ? { releaseManifestHash: core.canonicalHash(JSON.parse(readFileSync(releasePath, "utf8"))) }
    : {}),
  evaluatorSemanticHash: manifest.evaluatorSemanticHash,
  evaluatorArtifactHash: manifest.evaluatorArtifactHash,
};

const history = existsSync(values.history)
  ? [...core.parseRuntimeHistory(readFileSync(values.history, "utf8"))]
  : [];
if (history.some((known) => known.runtimeHash === entry.runtimeHash)) {
  console.log(`runtime:record: ${entry.runtimeVersion} ${entry.runtimeHash} is already recorded`);
} else {
  history.push(entry);
  console.log(`runtime:record: recorded ${entry.runtimeVersion} ${entry.runtimeHash}`);
}
const text = JSON.stringify(history, null, 2) + "\n";
writeFileSync(values.history, text);
writeFileSync(join(distDir, "runtime-history.json"), text);
