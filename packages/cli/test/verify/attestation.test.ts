import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deriveKeyId } from "@parmanasystems/core";
import { writePolicy } from "../helpers/fixtures.js";
import { makeAttestations } from "../helpers/make-attestations.js";
import { describeBuilt, makeWorkspace, runParmana, STACK_FRAME } from "../helpers/run-parmana.js";

const CHECK_LINES = [
  "    ✓ signature_verified",
  "    ✓ runtime_verified",
  "    ✓ schema_compatible",
  "    ✓ governed",
];

describeBuilt("parmana verify attestation", () => {
  const workspace = makeWorkspace("verify");
  afterAll(workspace.cleanup);
  const cwd = workspace.dir;
  let keyId = "";

  beforeAll(async () => {
    writePolicy(join(cwd, "policies"));
    expect((await runParmana(["keygen", "--out", "keys"], { cwd })).code).toBe(0);
    expect((await runParmana(["keygen", "--out", "other"], { cwd })).code).toBe(0);
    keyId = deriveKeyId(readFileSync(join(cwd, "keys/public.pem"), "utf8"));
    const executed = await runParmana(
      [
        "execute",
        "--policy-id",
        "loan-approval",
        "--policy-version",
        "1.0.0",
        "--signals",
        '{"credit_score":720,"loan_amount":15000}',
        "--execution-id",
        "loan-42",
        "--key",
        "keys/private.pem",
        "--out",
        "attestation.json",
      ],
      { cwd },
    );
    expect(executed.stderr).toBe("");
    expect(executed.code).toBe(0);
    makeAttestations({
      cwd,
      keyPath: "keys/private.pem",
      policyDir: "policies/loan-approval/1.0.0",
      count: 200,
      outDir: "many",
      ndjsonPath: "many.ndjson",
    });
  });

  it("verifies a valid attestation: one line per check, its identity, exit 0", async () => {
    const result = await runParmana(
      ["verify", "attestation", "attestation.json", "--key", "keys/public.pem"],
      { cwd },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const attestation = JSON.parse(readFileSync(join(cwd, "attestation.json"), "utf8")) as {
      issuedAt: string;
    };
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 5)).toEqual(["✓ VALID   attestation.json", ...CHECK_LINES]);
    expect(lines.slice(5, 10)).toEqual([
      "    executionId  loan-42",
      "    policy       loan-approval@1.0.0",
      "    action       approve",
      `    signerKeyId  ${keyId}`,
      `    issuedAt     ${attestation.issuedAt}`,
    ]);
    expect(lines[10]).toMatch(/^1 attestation: 1 valid, 0 invalid, 0 errors \(\d+\.\d\ds\)$/);
  });

  it("is also `parmana-verify`", async () => {
    const result = await runParmana(["attestation.json", "--key", "keys/public.pem"], {
      cwd,
      verifyBin: true,
    });
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("✓ VALID   attestation.json\n")).toBe(true);
  });

  it("accepts the documented `parmana-verify --attestation <file> --public-key <pem>`", async () => {
    const result = await runParmana(
      ["--attestation", "attestation.json", "--public-key", "keys/public.pem"],
      { cwd, verifyBin: true },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "✓ Signature verified",
        "✓ Runtime identity confirmed",
        "✓ Schema compatible",
        "  executionId:           loan-42",
        "  policyId:              loan-approval",
        "  policyVersion:         1.0.0",
        "  decision.action:       approve",
        "  decision.reason:       Credit score meets standard threshold.",
        "",
      ].join("\n"),
    );
  });

  it("exits 1 in the documented form for an invalid, missing or malformed attestation", async () => {
    const attestation = JSON.parse(readFileSync(join(cwd, "attestation.json"), "utf8")) as Record<
      string,
      unknown
    >;
    writeFileSync(
      join(cwd, "forged.json"),
      JSON.stringify({ ...attestation, policyVersion: "9.9.9" }),
    );
    writeFileSync(join(cwd, "broken.json"), "{ not json");
    const documented = (file: string) =>
      runParmana(["--attestation", file, "--public-key", "keys/public.pem"], {
        cwd,
        verifyBin: true,
      });
    const forged = await documented("forged.json");
    expect(forged.code).toBe(1);
    expect(forged.stdout.split("\n").slice(0, 3)).toEqual([
      "✗ Signature verified",
      "✓ Runtime identity confirmed",
      "✓ Schema compatible",
    ]);
    expect(forged.stdout).toContain("  policyVersion:         9.9.9\n");
    const missing = await documented("nowhere.json");
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toMatch(/^parmana: \[CLI-002\] .*nowhere\.json/);
    const broken = await documented("broken.json");
    expect(broken).toMatchObject({ code: 1, stdout: "" });
    expect(broken.stderr).toMatch(/^parmana: \[CLI-004\] /);
    const badKey = await runParmana(
      ["--attestation", "attestation.json", "--public-key", "nokey.pem"],
      {
        cwd,
        verifyBin: true,
      },
    );
    expect(badKey).toMatchObject({ code: 1, stdout: "" });
    expect(badKey.stderr).toMatch(/^parmana: \[CLI-002\] /);
  });

  it("takes --public-key as an alias of --key, and refuses both at once", async () => {
    const result = await runParmana(
      ["verify", "attestation", "attestation.json", "--public-key", "keys/public.pem"],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("✓ VALID   attestation.json\n")).toBe(true);
    const both = await runParmana(
      [
        "verify",
        "attestation",
        "attestation.json",
        "--key",
        "keys/public.pem",
        "--public-key",
        "keys/public.pem",
      ],
      { cwd },
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^parmana: \[CLI-001\] give the key once/);
    const mixed = await runParmana(
      ["--attestation", "attestation.json", "other.json", "--key", "keys/public.pem"],
      { cwd, verifyBin: true },
    );
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/^parmana: \[CLI-001\] give the attestation either/);
  });

  it("shows which check a tampered attestation fails, exit 1", async () => {
    const attestation = JSON.parse(readFileSync(join(cwd, "attestation.json"), "utf8")) as Record<
      string,
      unknown
    >;
    writeFileSync(
      join(cwd, "tampered.json"),
      JSON.stringify({
        ...attestation,
        decision: { ...(attestation.decision as object), action: "reject" },
      }),
    );
    const result = await runParmana(
      ["verify", "attestation", "tampered.json", "--key", "keys/public.pem"],
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "✗ INVALID tampered.json\n    ✗ signature_verified\n    ✓ runtime_verified\n    ✓ schema_compatible\n    ✓ governed\n",
    );
    expect(result.stdout).toContain("    action       reject\n");
    expect(result.stdout).toMatch(/^ {4}error: \[INV-VERIFY-002\] /m);
    expect(result.stdout).toContain("1 attestation: 0 valid, 1 invalid, 0 errors");
  });

  it("fails the signature under another key, exit 1", async () => {
    const result = await runParmana(
      ["verify", "attestation", "attestation.json", "--key", "other/public.pem"],
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("    ✗ signature_verified\n");
  });

  it("checks the attestation against the policy and signals given", async () => {
    writeFileSync(join(cwd, "signals.json"), '{"credit_score":720,"loan_amount":15000}');
    writeFileSync(join(cwd, "other-signals.json"), '{"credit_score":720,"loan_amount":15001}');
    const args = [
      "verify",
      "attestation",
      "attestation.json",
      "--key",
      "keys/public.pem",
      "--policy",
      "policies/loan-approval/1.0.0",
    ];
    expect((await runParmana([...args, "--signals", "signals.json"], { cwd })).code).toBe(0);
    const mismatch = await runParmana([...args, "--signals", "other-signals.json"], { cwd });
    expect(mismatch.code).toBe(1);
    expect(mismatch.stdout).toContain(
      "    ✓ signature_verified\n    ✓ runtime_verified\n    ✓ schema_compatible\n    ✗ governed\n",
    );
  });

  it("refuses a garbage file with one coded line on stderr and exit 2", async () => {
    writeFileSync(join(cwd, "garbage.json"), "this is not json");
    const result = await runParmana(
      ["verify", "attestation", "garbage.json", "--key", "keys/public.pem"],
      { cwd },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^parmana: \[CLI-004\] attestation is not valid JSON: garbage\.json \(.+\)\n$/,
    );
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout).toMatch(/^1 attestation: 0 valid, 0 invalid, 1 error \(\d+\.\d+s\)\n$/);
  });

  it.each([
    ["[]", "garbage.json is not an attestation: expected a JSON object, got an array"],
    ['{"hello":"world"}', 'garbage.json is not an attestation: it has no "signature" string'],
  ])("refuses JSON that is not an attestation (%s), exit 2", async (text, message) => {
    writeFileSync(join(cwd, "garbage.json"), text);
    const result = await runParmana(
      ["verify", "attestation", "garbage.json", "--key", "keys/public.pem"],
      { cwd },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`parmana: [CLI-004] ${message}\n`);
  });

  it("fails a missing key with one line, no stack trace, exit 2, before reading any input", async () => {
    const result = await runParmana(
      ["verify", "attestation", "attestation.json", "--key", "missing.pem"],
      { cwd },
    );
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "parmana: [CLI-002] public key not found: missing.pem\n",
    });
  });

  it("fails an unreadable key (a private key, a garbage file) with its SIG- code, exit 2", async () => {
    const privateKey = await runParmana(
      ["verify", "attestation", "attestation.json", "--key", "keys/private.pem"],
      { cwd },
    );
    expect(privateKey).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "parmana: [SIG-003] keys/private.pem: a private key was given where a public key is needed\n",
    });
    writeFileSync(
      join(cwd, "bad.pem"),
      "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
    );
    const garbage = await runParmana(
      ["verify", "attestation", "attestation.json", "--key", "bad.pem"],
      { cwd },
    );
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toBe(
      "parmana: [SIG-001] bad.pem: the public key PEM could not be parsed\n",
    );
  });

  it.each([
    [
      ["verify", "attestation", "attestation.json"],
      "parmana: [CLI-001] give exactly one of --key <public.pem> or --trust-root <trust-root.json> (see `parmana verify attestation --help`)\n",
    ],
    [
      ["verify", "attestation", "attestation.json", "--key", "keys/public.pem", "--workers", "x"],
      "parmana: [CLI-001] --workers must be a whole number from 0 to 256, got 'x' (see `parmana verify attestation --help`)\n",
    ],
    [
      ["verify", "attestation", "nothing-*.json", "--key", "keys/public.pem"],
      "parmana: [CLI-007] no files match nothing-*.json\n",
    ],
    [
      ["verify", "attestation", "absent.json", "--key", "keys/public.pem"],
      "parmana: [CLI-002] attestation not found: absent.json\n",
    ],
  ])("refuses %j with a coded line, exit 2", async (args, stderr) => {
    const result = await runParmana(args, { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(stderr);
  });

  it("verifies 200 files from a glob, in-process and on a worker pool, with a correct summary", async () => {
    for (const workers of ["0", "2"]) {
      const result = await runParmana(
        [
          "verify",
          "attestation",
          "many/*.json",
          "--key",
          "keys/public.pem",
          "--quiet",
          "--workers",
          workers,
        ],
        { cwd },
      );
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      // --quiet prints only problems: all valid leaves the summary alone.
      expect(result.stdout).toMatch(
        new RegExp(
          `^200 attestations: 200 valid, 0 invalid, 0 errors \\(\\d+\\.\\d+s${workers === "2" ? ", 2 workers" : ""}\\)\\n$`,
        ),
      );
    }
  });

  it("verifies 200 NDJSON attestations from stdin, reporting in input order", async () => {
    const lines = readFileSync(join(cwd, "many.ndjson"), "utf8").trim().split("\n");
    // Line 51 tampered, line 101 garbage: exit 2 (an input error wins), counts exact.
    lines[50] = (lines[50] as string).replace('"executionId":"app-50"', '"executionId":"app-5O"');
    lines[100] = "{not json";
    const input = `${lines.join("\n")}\n`;
    for (const args of [["-"], []]) {
      const result = await runParmana(
        ["verify", "attestation", ...args, "--key", "keys/public.pem", "--json", "--workers", "2"],
        { cwd, input },
      );
      expect(result.code).toBe(2);
      const records = result.stdout
        .trim()
        .split("\n")
        .map(
          (line) =>
            JSON.parse(line) as {
              source: string;
              status: string;
              attestation?: { executionId: string };
            },
        );
      expect(records).toHaveLength(200);
      expect(records.map((record) => record.source)).toEqual(
        lines.map((_, index) => `stdin:${index + 1}`),
      );
      expect(records.filter((record) => record.status === "valid")).toHaveLength(198);
      expect(records[50]).toMatchObject({
        status: "invalid",
        attestation: { executionId: "app-5O" },
      });
      expect(records[100]).toMatchObject({ status: "error", error: { code: "CLI-004" } });
      expect(records[199]).toMatchObject({
        status: "valid",
        attestation: { executionId: "app-199" },
      });
      expect(result.stderr).toMatch(
        /^parmana: \[CLI-004\] attestation is not valid JSON: stdin:101 \(.+\)\n200 attestations: 198 valid, 1 invalid, 1 error \(\d+\.\d+s, 2 workers\)\n$/,
      );
    }
  });

  it("with --quiet prints an invalid attestation with its identity and no valid one, in-process and on workers", async () => {
    const lines = readFileSync(join(cwd, "many.ndjson"), "utf8").trim().split("\n");
    lines[50] = (lines[50] as string).replace('"executionId":"app-50"', '"executionId":"app-5O"');
    for (const workers of ["0", "2"]) {
      const result = await runParmana(
        ["verify", "attestation", "--key", "keys/public.pem", "--quiet", "--workers", workers],
        { cwd, input: `${lines.join("\n")}\n` },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toBe("");
      const [invalid, summary] = result.stdout.split("\n\n");
      expect(result.stdout.match(/VALID/g)).toHaveLength(1);
      expect(invalid).toMatch(/^✗ INVALID stdin:51\n/);
      expect(invalid).toContain("    executionId  app-5O\n");
      expect(invalid).toContain("    policy       ");
      expect(summary ?? result.stdout).toMatch(/200 attestations: 199 valid, 1 invalid, 0 errors/);
    }
  });

  it("prints one parseable JSON object per file with --json", async () => {
    const result = await runParmana(
      [
        "verify",
        "attestation",
        "attestation.json",
        "many/attestation-0001.json",
        "--key",
        "keys/public.pem",
        "--json",
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    const records = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toEqual([
      {
        source: "attestation.json",
        status: "valid",
        valid: true,
        checks: {
          signature_verified: true,
          runtime_verified: true,
          schema_compatible: true,
          governed: true,
        },
        errors: [],
        warnings: [],
        attestation: expect.objectContaining({
          executionId: "loan-42",
          policyId: "loan-approval",
          policyVersion: "1.0.0",
          action: "approve",
          signerKeyId: keyId,
        }),
      },
      expect.objectContaining({
        source: "many/attestation-0001.json",
        status: "valid",
        attestation: expect.objectContaining({ executionId: "app-1", action: "reject" }),
      }),
    ]);
    expect(result.stderr).toMatch(/^2 attestations: 2 valid, 0 invalid, 0 errors \(\d+\.\d+s\)\n$/);
  });

  it("reads a pretty-printed attestation piped to stdin", async () => {
    const input = readFileSync(join(cwd, "attestation.json"), "utf8");
    const result = await runParmana(["verify", "attestation", "--key", "keys/public.pem"], {
      cwd,
      input,
    });
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("✓ VALID   stdin\n")).toBe(true);
  });

  it("hints at NDJSON when stdin holds several pretty-printed attestations", async () => {
    const one = readFileSync(join(cwd, "attestation.json"), "utf8");
    const result = await runParmana(["verify", "attestation", "--key", "keys/public.pem"], {
      cwd,
      input: `${one}\n${one}`,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^parmana: \[CLI-004\] stdin is not one JSON document \(.+\); several attestations on stdin must be NDJSON, one per line \(e\.g\. `jq -c \. \*\.json \| parmana verify attestation`\), or pass the files as paths\n$/,
    );
  });

  it("does not count a glob that matched nothing as an attestation", async () => {
    const result = await runParmana(
      ["verify", "attestation", "attestation.json", "nothing-*.json", "--key", "keys/public.pem"],
      { cwd },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /^1 attestation: 1 valid, 0 invalid, 0 errors; 1 input matched no file \(/m,
    );
  });

  it("says so when stdin is empty, exit 2", async () => {
    const result = await runParmana(["verify", "attestation", "--key", "keys/public.pem"], {
      cwd,
      input: "",
    });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "parmana: [CLI-007] no attestations to verify (stdin was empty)\n",
    });
  });
});
