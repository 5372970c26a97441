import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { writePolicy } from "../helpers/fixtures.js";
import {
  describeBuilt,
  makeWorkspace,
  runParmana,
  type RunResult,
} from "../helpers/run-parmana.js";

interface TrustRootFile {
  trustRootVersion: string;
  keys: { keyId: string; purposes: string[]; validFrom: string; revokedAt?: string }[];
  rotations?: { fromVersion: string; toVersion: string; signedBy: string }[];
}

describeBuilt(
  "parmana trust: init, rotate, add-key, revoke, then verify with the trust root",
  () => {
    const workspace = makeWorkspace("trust");
    afterAll(workspace.cleanup);
    const cwd = workspace.dir;
    const readRoot = (path = "trust/trust-root.json"): TrustRootFile =>
      JSON.parse(readFileSync(join(cwd, path), "utf8")) as TrustRootFile;
    const readAttestation = (path: string): Record<string, string> =>
      JSON.parse(readFileSync(join(cwd, path), "utf8")) as Record<string, string>;
    const run = (args: string[]): Promise<RunResult> => runParmana(args, { cwd });
    const execute = (
      key: string,
      out: string,
      root = "trust/trust-root.json",
    ): Promise<RunResult> =>
      run([
        "execute",
        "--policy",
        "policies/loan-approval/1.0.0",
        "--signals",
        '{"credit_score":720,"loan_amount":15000}',
        "--key",
        `${key}/private.pem`,
        "--trust-root",
        root,
        "--out",
        out,
      ]);
    const verify = (files: string[], root = "trust/trust-root.json"): Promise<RunResult> =>
      run(["verify", "attestation", ...files, "--trust-root", root]);

    beforeAll(async () => {
      writePolicy(join(cwd, "policies"));
      for (const [dir, id] of [
        ["k1", "acme-2025"],
        ["k2", "acme-2026"],
        ["k3", "acme-ops"],
      ] as const) {
        expect((await run(["keygen", "--out", dir, "--key-id", id])).code).toBe(0);
      }
    });

    it("init writes a root with the key id keygen recorded", async () => {
      const result = await run([
        "trust",
        "init",
        "--key",
        "k1/public.pem",
        "--valid-from",
        "2020-01-01T00:00:00Z",
      ]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        "trust root 1 written to trust/trust-root.json\n  key acme-2025 (attestation, manifest, trust-root) valid from 2020-01-01T00:00:00Z\n",
      );
      const root = readRoot();
      expect(root.trustRootVersion).toBe("1");
      expect(root.keys).toEqual([
        expect.objectContaining({
          keyId: "acme-2025",
          algorithm: "ed25519",
          purposes: ["attestation", "manifest", "trust-root"],
          validFrom: "2020-01-01T00:00:00Z",
        }),
      ]);
      const again = await run(["trust", "init", "--key", "k1/public.pem"]);
      expect(again).toEqual({
        code: 2,
        stdout: "",
        stderr:
          "parmana: [CLI-005] trust/trust-root.json already exists (pass --force to replace it)\n",
      });
    });

    it("an attestation decided from a signed bundle under the root verifies with it", async () => {
      // With --trust-root, execute serves only signed bundles: unsigned, the policy is refused.
      const unsigned = await execute("k1", "a0.json");
      expect(unsigned.code).toBe(2);
      expect(unsigned.stderr).toMatch(/^parmana: \[TRUST-040\] /);
      const built = await run([
        "policy",
        "build",
        "policies/loan-approval/1.0.0",
        "--key",
        "k1/private.pem",
        "--json",
      ]);
      expect(built.code).toBe(0);
      const bundle = JSON.parse(built.stdout) as {
        bundleHash: string;
        manifestHash: string;
        keyId: string;
      };
      expect(bundle.keyId).toBe("acme-2025");
      expect((await execute("k1", "a1.json")).code).toBe(0);
      expect(readAttestation("a1.json")).toMatchObject({
        signerKeyId: "acme-2025",
        trustRootVersion: "1",
        bundleHash: bundle.bundleHash,
        manifestHash: bundle.manifestHash,
      });
      const result = await verify(["a1.json"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("    signerKeyId  acme-2025\n");
    });

    it("rotate: the old key signs a root that trusts the new key; old attestations keep verifying", async () => {
      const result = await run([
        "trust",
        "rotate",
        "--signing-key",
        "k1/private.pem",
        "--new-key",
        "k2/public.pem",
        "--valid-from",
        "2020-01-01T00:00:00Z",
      ]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^new key acme-2026 trusted\ntrust root 1 -> 2 written to trust\/trust-root\.json\n {2}rotation signed by acme-2025 at \S+\n {2}previous root kept at trust\/trust-root\.1\.json\n$/,
      );
      const root = readRoot();
      expect(root.trustRootVersion).toBe("2");
      expect(root.keys.map((key) => [key.keyId, key.purposes])).toEqual([
        ["acme-2025", ["attestation", "manifest", "trust-root"]],
        ["acme-2026", ["attestation", "manifest", "trust-root"]],
      ]);
      expect(
        root.rotations?.map((record) => [record.fromVersion, record.toVersion, record.signedBy]),
      ).toEqual([["1", "2", "acme-2025"]]);
      expect(readRoot("trust/trust-root.1.json").trustRootVersion).toBe("1");

      // Bundles are re-signed with the new key, which stays valid after the old one is revoked.
      expect(
        (await run(["policy", "build", "policies/loan-approval/1.0.0", "--key", "k2/private.pem"]))
          .code,
      ).toBe(0);
      expect((await execute("k2", "a2.json")).code).toBe(0);
      expect(readAttestation("a2.json")).toMatchObject({
        signerKeyId: "acme-2026",
        trustRootVersion: "2",
      });
      expect((await verify(["a1.json", "a2.json"])).code).toBe(0);
      // A verifier still holding root 1 does not know the new key.
      const old = await verify(["a2.json"], "trust/trust-root.1.json");
      expect(old.code).toBe(1);
      expect(old.stdout).toContain("    ✗ signature_verified\n");
      expect(old.stdout).toMatch(/error: \[TRUST-\d+\] .*acme-2026/);
    });

    it("revoke: signatures from the revocation instant on are refused, earlier ones still verify", async () => {
      const revokedAt = new Date(
        Date.parse(readAttestation("a1.json").issuedAt as string) + 1,
      ).toISOString();
      writeFileSync(join(cwd, "trust/before-revocation.json"), JSON.stringify(readRoot()));
      const result = await run([
        "trust",
        "revoke",
        "acme-2025",
        "--at",
        revokedAt,
        "--signing-key",
        "k2/private.pem",
      ]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        `revoked key acme-2025 from ${revokedAt}\ntrust root 2 -> 3 written to trust/trust-root.json\n`,
      );
      expect(readRoot().keys[0]).toMatchObject({ keyId: "acme-2025", revokedAt });

      // A service on the current root refuses to sign with the revoked key, as the library does.
      const refused = await execute("k1", "refused.json");
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /^parmana: \[TRUST-090\] the signing key cannot sign attestations under trust root 3: \[TRUST-021\] key acme-2025 was revoked/,
      );
      // A service still on the previous root signs with it: that attestation must fail, the others must not.
      expect((await execute("k1", "a3.json", "trust/before-revocation.json")).code).toBe(0);
      const verdict = await run([
        "verify",
        "attestation",
        "a1.json",
        "a2.json",
        "a3.json",
        "--trust-root",
        "trust/trust-root.json",
        "--json",
      ]);
      expect(verdict.code).toBe(1);
      const records = verdict.stdout
        .trim()
        .split("\n")
        .map(
          (line) =>
            JSON.parse(line) as {
              source: string;
              valid: boolean;
              checks: Record<string, boolean>;
              errors: string[];
            },
        );
      expect(records.map((record) => [record.source, record.valid])).toEqual([
        ["a1.json", true],
        ["a2.json", true],
        ["a3.json", false],
      ]);
      expect(records[2]?.checks).toEqual({
        signature_verified: false,
        runtime_verified: true,
        schema_compatible: true,
        governed: true,
      });
      expect(records[2]?.errors.join(" ")).toMatch(/\[TRUST-\d+\] .*revoked/);
    });

    it("add-key: a key with narrower purposes; it may not sign rotations", async () => {
      const result = await run([
        "trust",
        "add-key",
        "--key",
        "k3/public.pem",
        "--purposes",
        "attestation",
        "--signing-key",
        "k2/private.pem",
      ]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^added key acme-ops \(attestation\) valid from \S+\ntrust root 3 -> 4 written to/,
      );
      expect(readRoot().keys.find((key) => key.keyId === "acme-ops")?.purposes).toEqual([
        "attestation",
      ]);
      const refused = await run([
        "trust",
        "revoke",
        "acme-2026",
        "--at",
        "2030-01-01T00:00:00Z",
        "--signing-key",
        "k3/private.pem",
      ]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /^parmana: \[TRUST-030\] trust\/trust-root\.json: cannot rotate the trust root: key acme-ops may not sign this rotation: .+\n$/,
      );
      expect(readRoot().trustRootVersion).toBe("4");
      // adding the same key again says so, under its id or another one
      const again = await run([
        "trust",
        "add-key",
        "--key",
        "k3/public.pem",
        "--signing-key",
        "k2/private.pem",
      ]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(
        /^parmana: \[TRUST-030\] trust\/trust-root\.json: cannot rotate the trust root: key acme-ops is already in trust root 4\n$/,
      );
      const renamed = await run([
        "trust",
        "add-key",
        "--key",
        "k3/public.pem",
        "--key-id",
        "ops-again",
        "--signing-key",
        "k2/private.pem",
      ]);
      expect(renamed.code).toBe(2);
      expect(renamed.stderr).toMatch(
        /cannot rotate the trust root: this public key is already in trust root 4, as key acme-ops\n$/,
      );
    });

    it("add-key refuses a small-order Ed25519 key (the identity point) with SIG-012 and writes nothing", async () => {
      // 01 followed by 31 zero bytes: under it, R = identity and S = 0 verify for every message.
      const identity = Buffer.concat([
        Buffer.from("302a300506032b6570032100", "hex"),
        Buffer.from("01" + "00".repeat(31), "hex"),
      ]);
      mkdirSync(join(cwd, "weak"), { recursive: true });
      writeFileSync(
        join(cwd, "weak/public.pem"),
        `-----BEGIN PUBLIC KEY-----\n${identity.toString("base64")}\n-----END PUBLIC KEY-----\n`,
      );
      const before = readFileSync(join(cwd, "trust/trust-root.json"), "utf8");
      const result = await run([
        "trust",
        "add-key",
        "--key",
        "weak/public.pem",
        "--signing-key",
        "k2/private.pem",
      ]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^parmana: \[SIG-012\] .*small order/);
      expect(readFileSync(join(cwd, "trust/trust-root.json"), "utf8")).toBe(before);
    });

    it.each([
      [
        [
          "trust",
          "revoke",
          "nobody",
          "--at",
          "2030-01-01T00:00:00Z",
          "--signing-key",
          "k2/private.pem",
        ],
        /^parmana: \[TRUST-030\] trust\/trust-root\.json: cannot rotate the trust root: cannot revoke nobody: no such key in trust root 4\n$/,
      ],
      [
        ["trust", "revoke", "acme-2026", "--at", "2030-01-01T00:00:00Z"],
        /^parmana: \[CLI-001\] missing required option --signing-key <private\.pem> .*\n$/,
      ],
      [
        ["trust", "revoke", "acme-2026", "--signing-key", "k2/private.pem"],
        /^parmana: \[CLI-001\] missing required option --at /,
      ],
      [
        ["trust", "rotate", "--signing-key", "k2/private.pem", "--new-key", "nope.pem"],
        /^parmana: \[CLI-002\] public key not found: nope\.pem\n$/,
      ],
      [
        ["trust", "init", "--key", "k1/public.pem", "--out", "t2.json", "--purposes", "everything"],
        /^parmana: \[CLI-001\] unknown purpose 'everything' /,
      ],
      [
        ["verify", "attestation", "a1.json", "--trust-root", "missing.json"],
        /^parmana: \[CLI-002\] trust root not found: missing\.json\n$/,
      ],
    ])("refuses %j with one coded line, exit 2, trust root unchanged", async (args, stderr) => {
      const before = readFileSync(join(cwd, "trust/trust-root.json"), "utf8");
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(stderr);
      expect(readFileSync(join(cwd, "trust/trust-root.json"), "utf8")).toBe(before);
    });
  },
);
