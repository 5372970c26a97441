import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { canonicalHash } from "@parmanasystems/core";
import { describeBuilt, makeWorkspace, runParmana } from "../helpers/run-parmana.js";

const coreDist = fileURLToPath(new URL("../../../core/dist/", import.meta.url));

describeBuilt("parmana verify runtime", () => {
  const workspace = makeWorkspace("runtime");
  afterAll(workspace.cleanup);
  const cwd = workspace.dir;
  let manifest: Record<string, unknown> = {};
  beforeAll(() => {
    manifest = JSON.parse(readFileSync(join(coreDist, "runtime-manifest.json"), "utf8")) as Record<
      string,
      unknown
    >;
  });

  it("verifies the installed runtime against its files and release manifest, exit 0", async () => {
    const result = await runParmana(["verify", "runtime"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `✓ VALID   runtime ${String(manifest.runtimeVersion)} (installed @parmanasystems/core)\n`,
    );
    // runtimeHash is the canonical hash of the manifest the build wrote.
    expect(result.stdout).toContain(`    runtimeHash            ${canonicalHash(manifest)}\n`);
    expect(result.stdout).toContain("    checked                built files in ");
  });

  it("checks a runtime manifest from elsewhere against a release manifest; a tampered one fails, exit 1", async () => {
    writeFileSync(join(cwd, "runtime-manifest.json"), JSON.stringify(manifest));
    const ok = await runParmana(
      [
        "verify",
        "runtime",
        "--runtime-manifest",
        "runtime-manifest.json",
        "--release-manifest",
        join(coreDist, "release-manifest.json"),
        "--json",
      ],
      { cwd },
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      valid: true,
      runtimeHash: canonicalHash(manifest),
      errors: [],
    });
    writeFileSync(
      join(cwd, "tampered.json"),
      JSON.stringify({ ...manifest, runtimeVersion: "9.9.9" }),
    );
    const bad = await runParmana(
      [
        "verify",
        "runtime",
        "--runtime-manifest",
        "tampered.json",
        "--release-manifest",
        join(coreDist, "release-manifest.json"),
      ],
      { cwd },
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^✗ INVALID runtime 9\.9\.9 \(tampered\.json\)\n/);
    expect(bad.stdout).toMatch(/error: \[TRUST-064\] /);
  });

  it("a trust root that trusts nothing else still trusts the running runtime; an unknown runtime is refused", async () => {
    expect((await runParmana(["keygen", "--out", "keys"], { cwd })).code).toBe(0);
    expect((await runParmana(["trust", "init", "--key", "keys/public.pem"], { cwd })).code).toBe(0);
    expect(
      (await runParmana(["verify", "runtime", "--trust-root", "trust/trust-root.json"], { cwd }))
        .code,
    ).toBe(0);
    writeFileSync(
      join(cwd, "unknown.json"),
      JSON.stringify({ ...manifest, runtimeVersion: "9.9.9" }),
    );
    const unknown = await runParmana(
      [
        "verify",
        "runtime",
        "--runtime-manifest",
        "unknown.json",
        "--trust-root",
        "trust/trust-root.json",
      ],
      { cwd },
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/error: \[TRUST-067\] /);
  });

  it.each([
    [
      ["verify", "runtime", "--runtime-manifest", "runtime-manifest.json"],
      "parmana: [CLI-001] nothing to check a foreign runtime manifest against: give --release-manifest, --dist or --trust-root\n",
    ],
    [
      ["verify", "runtime", "--runtime-manifest", "absent.json", "--dist", "."],
      "parmana: [CLI-002] runtime manifest not found: absent.json\n",
    ],
  ])("refuses %j with one coded line, exit 2", async (args, stderr) => {
    expect(await runParmana(args, { cwd })).toEqual({ code: 2, stdout: "", stderr });
  });
});
