import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deriveKeyId } from "@parmanasystems/core";
import {
  describeBuilt,
  makeWorkspace,
  runParmana,
  type RunResult,
} from "../helpers/run-parmana.js";

describeBuilt(
  "policy authoring: keygen → policy create → compile → build → verify bundle → upgrade",
  () => {
    const workspace = makeWorkspace("bundle");
    afterAll(workspace.cleanup);
    const cwd = workspace.dir;
    const run = (args: string[]): Promise<RunResult> => runParmana(args, { cwd });
    const dir = "policies/claims/1.0.0";
    let keyId = "";

    beforeAll(async () => {
      expect((await run(["keygen", "--out", "keys"])).code).toBe(0);
      expect((await run(["keygen", "--out", "other"])).code).toBe(0);
      keyId = deriveKeyId(readFileSync(join(cwd, "keys/public.pem"), "utf8"));
    });

    it("creates a policy that compiles", async () => {
      const created = await run(["policy", "create", "claims"]);
      expect(created).toEqual({
        code: 0,
        stdout: `created claims@1.0.0 at ${dir}/policy.json\nnext: edit it, then \`parmana policy compile ${dir}\`\n`,
        stderr: "",
      });
      const compiled = await run(["policy", "compile", dir]);
      expect(compiled.code).toBe(0);
      expect(compiled.stdout).toContain(
        `✓ ${dir}/policy.json: claims@1.0.0 compiles (0 errors, 0 warnings`,
      );
      const again = await run(["policy", "create", "claims"]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(
        /^parmana: \[TRUST-049\] policy claims already exists at .+; create a new version with upgradePolicy\(\) \(command line: `parmana policy upgrade claims`\)\n$/,
      );
    });

    it("builds a signed bundle beside the policy", async () => {
      const result = await run(["policy", "build", dir, "--key", "keys/private.pem"]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        new RegExp(
          `^built claims@1\\.0\\.0 in policies/claims/1\\.0\\.0\\n {2}bundleHash {4}sha256:[0-9a-f]{64}\\n {2}manifestHash {2}sha256:[0-9a-f]{64}\\n {2}signed by {5}${keyId}\\n$`,
        ),
      );
      expect(existsSync(join(cwd, dir, "bundle.manifest.json"))).toBe(true);
      expect(JSON.parse(readFileSync(join(cwd, dir, "bundle.sig"), "utf8"))).toMatchObject({
        keyId,
        algorithm: "ed25519",
      });
    });

    it("building twice gives the same bundle (no timestamps)", async () => {
      const manifest = readFileSync(join(cwd, dir, "bundle.manifest.json"), "utf8");
      expect((await run(["policy", "build", dir, "--key", "keys/private.pem"])).code).toBe(0);
      expect(readFileSync(join(cwd, dir, "bundle.manifest.json"), "utf8")).toBe(manifest);
    });

    it("verifies the bundle with the key and with a trust root, exit 0", async () => {
      const result = await run(["verify", "bundle", dir, "--key", "keys/public.pem"]);
      expect(result.code).toBe(0);
      const manifest = JSON.parse(readFileSync(join(cwd, dir, "bundle.manifest.json"), "utf8")) as {
        bundleHash: string;
      };
      expect(result.stdout.split("\n").slice(0, 7)).toEqual([
        `✓ VALID   ${dir}`,
        "    ✓ manifest",
        "    ✓ content",
        "    ✓ bundleHash",
        "    ✓ signature",
        "    policy       claims@1.0.0",
        `    bundleHash   ${manifest.bundleHash}`,
      ]);
      expect(
        (
          await run([
            "trust",
            "init",
            "--key",
            "keys/public.pem",
            "--valid-from",
            "2020-01-01T00:00:00Z",
          ])
        ).code,
      ).toBe(0);
      const trusted = await run([
        "verify",
        "bundle",
        dir,
        "--trust-root",
        "trust/trust-root.json",
        "--json",
      ]);
      expect(trusted.code).toBe(0);
      expect(JSON.parse(trusted.stdout)).toMatchObject({
        valid: true,
        checks: { manifest: true, content: true, bundleHash: true, signature: true },
        policyId: "claims",
        version: "1.0.0",
        keyId,
      });
    });

    it("fails the signature under another key (TRUST-045), exit 1", async () => {
      const result = await run(["verify", "bundle", dir, "--key", "other/public.pem"]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("    ✓ content\n    ✓ bundleHash\n    ✗ signature\n");
      expect(result.stdout).toMatch(/error: \[TRUST-045\] /);
    });

    it("tells a changed policy.json (content, TRUST-042) apart from a bad signature, exit 1", async () => {
      const path = join(cwd, dir, "policy.json");
      const original = readFileSync(path, "utf8");
      writeFileSync(path, original.replace("1000", "100000"));
      try {
        const result = await run(["verify", "bundle", dir, "--key", "keys/public.pem"]);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain("    ✓ manifest\n    ✗ content\n");
        expect(result.stdout).toContain("    ✓ signature\n");
        expect(result.stdout).toMatch(/error: \[TRUST-042\] /);
      } finally {
        writeFileSync(path, original);
      }
    });

    it.each([
      [
        ["verify", "bundle", "policies/none/1.0.0", "--key", "keys/public.pem"],
        "parmana: [CLI-002] bundle folder not found: policies/none/1.0.0\n",
      ],
      [
        ["verify", "bundle", dir],
        "parmana: [CLI-001] give exactly one of --key <public.pem> or --trust-root <trust-root.json> (see `parmana verify bundle --help`)\n",
      ],
      [
        ["policy", "build", dir],
        "parmana: [CLI-001] missing required option --key (see `parmana policy build --help`)\n",
      ],
      [
        ["policy", "build", dir, "--key", "keys/public.pem"],
        "parmana: [SIG-003] keys/public.pem: a public key was given where a private key is needed\n",
      ],
    ])("refuses %j with one coded line, exit 2", async (args, stderr) => {
      expect(await run(args)).toEqual({ code: 2, stdout: "", stderr });
    });

    it("upgrade copies the latest version to the next patch, without its bundle", async () => {
      const result = await run(["policy", "upgrade", "claims"]);
      expect(result).toEqual({
        code: 0,
        stdout: "created claims@1.0.1 at policies/claims/1.0.1/policy.json\n",
        stderr: "",
      });
      const upgraded = JSON.parse(
        readFileSync(join(cwd, "policies/claims/1.0.1/policy.json"), "utf8"),
      ) as { policyVersion: string; rules: unknown };
      const original = JSON.parse(readFileSync(join(cwd, dir, "policy.json"), "utf8")) as {
        rules: unknown;
      };
      expect(upgraded.policyVersion).toBe("1.0.1");
      expect(upgraded.rules).toEqual(original.rules);
      expect(existsSync(join(cwd, "policies/claims/1.0.1/bundle.sig"))).toBe(false);
      const missing = await run(["policy", "upgrade", "nothing"]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^parmana: \[TRUST-050\] policy nothing not found at .+\n$/);
    });

    it("accepts the documented name `workspace upgrade <policyId>` for `policy upgrade`", async () => {
      expect(await run(["workspace", "upgrade", "claims"])).toEqual({
        code: 0,
        stdout: "created claims@1.0.2 at policies/claims/1.0.2/policy.json\n",
        stderr: "",
      });
      const help = await run(["workspace", "upgrade", "--help"]);
      expect(help.stdout).toMatch(/^Usage: parmana workspace upgrade <id> \[options\]\n/);
    });
  },
);
