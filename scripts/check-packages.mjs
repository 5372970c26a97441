// `pnpm check:packages`: the packaging gate. For every packages/* that has been built (has a
// dist/ folder), runs publint in strict mode (warnings count as errors; suggestions are reported
// and also fail) and `attw --pack` (@arethetypeswrong/cli: do the types resolve for node10,
// node16 CJS/ESM and bundlers?). Exits 1 on any finding. Build first: `pnpm build`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = fileURLToPath(new URL("..", import.meta.url));
const packagesDir = join(root, "packages");
const require = createRequire(join(root, "package.json"));

function attwBin() {
  const manifestPath = require.resolve("@arethetypeswrong/cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin.attw;
  return join(dirname(manifestPath), bin);
}

const failures = [];
const checked = [];
const attw = attwBin();

for (const name of readdirSync(packagesDir).sort()) {
  const dir = join(packagesDir, name);
  if (!existsSync(join(dir, "package.json"))) continue;
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (!existsSync(join(dir, "dist"))) {
    console.log(`- ${manifest.name}: skipped, no dist/ (run \`pnpm build\` first)`);
    continue;
  }
  checked.push(manifest.name);

  console.log(`\n=== ${manifest.name}: publint --strict`);
  const { messages, pkg } = await publint({
    pkgDir: dir,
    level: "suggestion",
    strict: true,
    pack: "auto",
  });
  if (messages.length === 0) {
    console.log("no findings");
  } else {
    for (const message of messages)
      console.log(`${message.type}: ${formatMessage(message, pkg, { color: false })}`);
    failures.push(`${manifest.name}: publint reported ${messages.length} finding(s)`);
  }

  console.log(`\n=== ${manifest.name}: attw --pack`);
  const result = spawnSync(
    process.execPath,
    [attw, "--pack", dir, "--format", "ascii", "--no-emoji", "--no-color"],
    {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, npm_config_loglevel: "error" },
    },
  );
  process.stdout.write(result.stdout ?? "");
  process.stderr.write(result.stderr ?? "");
  if (result.status !== 0)
    failures.push(`${manifest.name}: attw exited with ${result.status ?? result.signal}`);
}

console.log("");
if (checked.length === 0) {
  console.error("check:packages: no built package found; run `pnpm build` first.");
  process.exit(1);
}
if (failures.length > 0) {
  console.error(
    `check:packages FAILED:\n${failures.map((failure) => `  - ${failure}`).join("\n")}`,
  );
  process.exit(1);
}
console.log(`check:packages: ${checked.length} package(s) clean (${checked.join(", ")})`);
