// Proves that a service bundled with esbuild (the norm for Lambda and containers), which copies
// only code and none of core's dist/*.json files, still signs under the build's runtime identity,
// and that its attestations verify for an auditor running the installed package. Uses the built
// @parmanasystems/core, as an adopter's bundler would.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { expect, it } from "vitest";
import { describeBuilt } from "./helpers/typecheck.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CORE_DIST = fileURLToPath(new URL("../../packages/core/dist/", import.meta.url));

const SERVICE = `
import { executeFromSignals, generateKeyPair, getRuntimeIdentity, getRuntimeManifest, LocalSigner, LocalVerifier, MemoryPolicyRegistry, MemoryReplayStore } from "@parmanasystems/core";
const policy = {
  policyId: "loan-approval", policyVersion: "1.0.0", schemaVersion: "1.0.0",
  signalsSchema: { credit_score: { type: "integer" } },
  rules: [{ id: "approve", condition: { all: [] }, outcome: { action: "approve", requires_override: false, reason: "ok" } }],
};
async function main() {
const { privateKeyPem, publicKeyPem } = generateKeyPair();
const attestation = await executeFromSignals(
  { executionId: "bundle-1", policyId: "loan-approval", policyVersion: "1.0.0", signals: { credit_score: 720 } },
  new LocalSigner(privateKeyPem), new LocalVerifier(publicKeyPem),
  { replayStore: new MemoryReplayStore({ warnInProduction: false }), policies: new MemoryPolicyRegistry([policy]) },
);
console.log(JSON.stringify({ source: getRuntimeManifest().source, identity: getRuntimeIdentity(), attestation, publicKeyPem }));
}
main().catch((error) => { console.error(error); process.exit(1); });
`;

describeBuilt("a service bundled with esbuild", () => {
  for (const format of ["esm", "cjs"] as const) {
    it(`signs under the build's runtime identity (${format} bundle, no dist/*.json beside it)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `parmana-bundle-${format}-`));
      const entry = join(dir, "service.mjs");
      writeFileSync(entry, SERVICE);
      const outfile = join(dir, format === "esm" ? "bundle.mjs" : "bundle.cjs");
      await build({
        entryPoints: [entry],
        bundle: true,
        platform: "node",
        target: "node20",
        format,
        outfile,
        nodePaths: [join(ROOT, "node_modules")],
        logLevel: "silent",
      });
      const run = spawnSync(process.execPath, [outfile], {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" },
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const out = JSON.parse(run.stdout) as {
        source: string;
        identity: { runtimeHash: string; releaseManifestHash: string };
        attestation: Record<string, unknown>;
        publicKeyPem: string;
      };
      const built = readFileSync(join(CORE_DIST, "runtime-manifest.json"), "utf8");
      const core = (await import("@parmanasystems/core")) as typeof import("@parmanasystems/core");
      expect(out.source).toBe("build");
      expect(out.identity.runtimeHash).toBe(core.computeRuntimeHash(JSON.parse(built)));
      expect(out.identity).toEqual(core.getRuntimeIdentity());
      // An auditor running the installed package trusts it.
      const result = core.verifyAttestation(
        out.attestation,
        new core.LocalVerifier(out.publicKeyPem),
      );
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    });
  }
});
