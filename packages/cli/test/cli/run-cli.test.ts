import { describe, expect, it } from "vitest";
import { ParmanaError, SignatureError } from "@parmanasystems/core";
import { runCli } from "../../src/cli/run-cli.js";
import { reportError } from "../../src/cli/report-error.js";
import { COMMANDS, COMMAND_GROUPS } from "../../src/cli/command-list.js";
import { CLI_CODES } from "../../src/errors/index.js";
import { memoryIo } from "../helpers/memory-io.js";

describe("runCli (in-process)", () => {
  it("lists every command of the issue in the top-level help", async () => {
    const io = memoryIo();
    expect(await runCli(["--help"], io)).toBe(0);
    const expected = [
      "keygen",
      "policy create",
      "policy compile",
      "policy build",
      "policy test",
      "policy upgrade",
      "verify attestation",
      "verify bundle",
      "verify runtime",
      "verify inclusion",
      "verify consistency",
      "trust init",
      "trust add-key",
      "trust rotate",
      "trust revoke",
      "simulate",
      "execute",
      "workspace upgrade",
      "audit migrate",
      "audit stats",
      "audit query",
      "audit export",
      "audit verify",
      "audit checkpoint",
      "audit prove",
    ];
    expect(COMMANDS.map((spec) => spec.path.join(" ")).sort()).toEqual([...expected].sort());
    for (const command of expected) expect(io.out()).toMatch(new RegExp(`^  ${command}\\b`, "m"));
  });

  it("answers --help for every command with its usage line, exit 0", async () => {
    for (const spec of COMMANDS) {
      const io = memoryIo();
      expect(await runCli([...spec.path, "--help"], io)).toBe(0);
      expect(io.out().startsWith(`Usage: parmana ${spec.path.join(" ")}`)).toBe(true);
      expect(io.out()).toContain("--debug");
      expect(io.err()).toBe("");
    }
  });

  it("shows a group's commands for `parmana <group>` (exit 2) and `parmana <group> --help` (exit 0)", async () => {
    for (const group of COMMAND_GROUPS) {
      const bare = memoryIo();
      expect(await runCli([group.name], bare)).toBe(2);
      expect(bare.out()).toContain(group.summary);
      const help = memoryIo();
      expect(await runCli([group.name, "--help"], help)).toBe(0);
      expect(help.out()).toBe(bare.out());
    }
  });

  it("turns an unknown subcommand into a usage error", async () => {
    const io = memoryIo();
    expect(await runCli(["policy", "frobnicate"], io)).toBe(2);
    expect(io.err()).toBe(
      "parmana: [CLI-001] unknown command 'policy frobnicate' (see `parmana policy --help`)\n",
    );
  });

  it("rejects a missing option value in one line", async () => {
    const io = memoryIo();
    expect(await runCli(["keygen", "--out"], io)).toBe(2);
    expect(io.err()).toMatch(
      /^parmana: \[CLI-001\] Option '-o, --out <value>' argument missing \(see `parmana keygen --help`\)\n$/,
    );
  });
});

describe("reportError", () => {
  it("prints a Parmana error as one line and maps CLI codes to their exit code", () => {
    const io = memoryIo();
    expect(reportError(new SignatureError("SIG-001", "bad\nkey"), io, false)).toBe(2);
    expect(io.err()).toBe("parmana: [SIG-001] bad key\n");
  });

  it("marks anything else as an internal error and hides its stack without --debug", () => {
    const io = memoryIo();
    expect(reportError(new TypeError("boom"), io, false)).toBe(2);
    expect(io.err()).toBe(
      "parmana: [CLI-010] internal error: boom (re-run with --debug for the stack trace)\n",
    );
    const debug = memoryIo();
    reportError(
      new ParmanaError("X-1", "outer", { cause: new Error("inner"), details: { path: "p" } }),
      debug,
      true,
    );
    expect(debug.err()).toContain("caused by: Error: inner");
    expect(debug.err()).toContain('"path": "p"');
  });

  it("documents every CLI code with a title, cause, fix and exit code", () => {
    for (const [code, entry] of Object.entries(CLI_CODES)) {
      expect(code).toMatch(/^CLI-\d{3}$/);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.cause.length).toBeGreaterThan(0);
      expect(entry.fix.length).toBeGreaterThan(0);
      expect([1, 2]).toContain(entry.exitCode);
    }
  });
});
