import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { deriveKeyId, LocalSigner, LocalVerifier } from "@parmanasystems/core";
import { describeBuilt, makeWorkspace, runParmana, STACK_FRAME } from "../helpers/run-parmana.js";

describeBuilt("parmana keygen", () => {
  const workspace = makeWorkspace("keygen");
  afterAll(workspace.cleanup);
  const cwd = workspace.dir;

  it("writes a working Ed25519 pair, private key 0600, and prints the derived key id", async () => {
    const result = await runParmana(["keygen", "--out", "keys"], { cwd });
    expect(result.code).toBe(0);
    const privatePem = readFileSync(join(cwd, "keys/private.pem"), "utf8");
    const publicPem = readFileSync(join(cwd, "keys/public.pem"), "utf8");
    expect(statSync(join(cwd, "keys/private.pem")).mode & 0o777).toBe(0o600);
    const keyId = deriveKeyId(publicPem);
    expect(result.stdout).toContain(`keyId ${keyId}`);
    // The two files are halves of one pair.
    const signature = new LocalSigner(privatePem).sign("payload");
    expect(new LocalVerifier(publicPem).verify("payload", signature)).toBe(true);
    expect(JSON.parse(readFileSync(join(cwd, "keys/key.json"), "utf8"))).toEqual({
      keyId,
      algorithm: "ed25519",
      publicKey: "public.pem",
    });
  });

  it("records a chosen --key-id and prints JSON with --json", async () => {
    const result = await runParmana(
      ["keygen", "--out", "named", "--key-id", "acme-2026", "--json"],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      keyId: "acme-2026",
      algorithm: "ed25519",
      privateKey: join("named", "private.pem"),
      publicKey: join("named", "public.pem"),
    });
    expect(JSON.parse(readFileSync(join(cwd, "named/key.json"), "utf8")).keyId).toBe("acme-2026");
  });

  it("refuses to overwrite existing keys with one coded line and exit 2", async () => {
    const before = readFileSync(join(cwd, "keys/private.pem"), "utf8");
    const result = await runParmana(["keygen", "--out", "keys"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "parmana: [CLI-005] keys/private.pem already exists (pass --force to replace it)\n",
    );
    expect(readFileSync(join(cwd, "keys/private.pem"), "utf8")).toBe(before);
  });

  it("replaces keys with --force and keeps the private key 0600", async () => {
    const before = readFileSync(join(cwd, "keys/private.pem"), "utf8");
    const result = await runParmana(["keygen", "--out", "keys", "--force"], { cwd });
    expect(result.code).toBe(0);
    expect(readFileSync(join(cwd, "keys/private.pem"), "utf8")).not.toBe(before);
    expect(statSync(join(cwd, "keys/private.pem")).mode & 0o777).toBe(0o600);
  });
});

describeBuilt("parmana usage", () => {
  const workspace = makeWorkspace("usage");
  afterAll(workspace.cleanup);
  const cwd = workspace.dir;

  it("prints the version of the package", async () => {
    const version = (
      JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
        version: string;
      }
    ).version;
    const result = await runParmana(["--version"], { cwd });
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    const shortcut = await runParmana(["--version"], { cwd, verifyBin: true });
    expect(shortcut.stdout).toBe(`${version}\n`);
  });

  it("lists every command in --help", async () => {
    const result = await runParmana(["--help"], { cwd });
    expect(result.code).toBe(0);
    for (const command of ["keygen", "verify attestation"])
      expect(result.stdout).toContain(command);
  });

  it("answers --help for a command with its usage and options", async () => {
    const result = await runParmana(["keygen", "--help"], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: parmana keygen \[options\]/);
    expect(result.stdout).toContain("--key-id <id>");
  });

  it.each([
    [["bogus"], "parmana: [CLI-001] unknown command 'bogus' (see `parmana --help`)\n"],
    [
      ["keygen", "--bogus"],
      "parmana: [CLI-001] Unknown option '--bogus' (see `parmana keygen --help`)\n",
    ],
    [
      ["keygen", "extra"],
      "parmana: [CLI-001] unexpected argument 'extra' (see `parmana keygen --help`)\n",
    ],
    [
      ["verify", "a.json"],
      "parmana: [CLI-001] unknown command 'verify a.json'; did you mean `parmana verify attestation a.json`? (see `parmana verify --help`)\n",
    ],
  ])("rejects %j with one coded line and exit 2", async (args, stderr) => {
    const result = await runParmana(args, { cwd });
    expect(result).toEqual({ code: 2, stdout: "", stderr });
  });

  it.skipIf(process.platform !== "linux")(
    "fails at once for a folder that cannot be created under /proc",
    async () => {
      // Node 20's recursive mkdirSync never returns for this path; the command must not hang.
      const result = await runParmana(["keygen", "--out", "/proc/parmana-cannot-write/keys"], {
        cwd,
      });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(
        /^parmana: \[CLI-009\] cannot write \/proc\/parmana-cannot-write\/keys\/private\.pem: E[A-Z]+\n$/,
      );
    },
  );

  it("prints no stack trace without --debug, and one with it", async () => {
    // A folder below a regular file cannot be created.
    await runParmana(["keygen", "--out", "blocker"], { cwd });
    const plain = await runParmana(["keygen", "--out", "blocker/private.pem/sub"], { cwd });
    expect(plain).toEqual({
      code: 2,
      stdout: "",
      stderr: "parmana: [CLI-009] cannot write blocker/private.pem/sub/private.pem: ENOTDIR\n",
    });
    expect(plain.stderr).not.toMatch(STACK_FRAME);
    const debug = await runParmana(["keygen", "--out", "blocker/private.pem/sub", "--debug"], {
      cwd,
    });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(STACK_FRAME);
  });
});
