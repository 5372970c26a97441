import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { computeExecutionHashes, deriveKeyId } from "@parmanasystems/core";
import { writePolicy } from "../helpers/fixtures.js";
import {
  describeBuilt,
  makeWorkspace,
  runParmana,
  STACK_FRAME,
  type RunResult,
} from "../helpers/run-parmana.js";

describeBuilt("parmana simulate and parmana execute", () => {
  const workspace = makeWorkspace("execute");
  afterAll(workspace.cleanup);
  const cwd = workspace.dir;
  const run = (args: string[], env?: Record<string, string>): Promise<RunResult> =>
    runParmana(args, { cwd, ...(env === undefined ? {} : { env }) });
  const signals = { credit_score: 720, loan_amount: 90000 };
  const byId = ["--policy-id", "loan-approval", "--policy-version", "1.0.0"];

  beforeAll(async () => {
    writePolicy(join(cwd, "policies"));
    writeFileSync(join(cwd, "signals.json"), JSON.stringify(signals));
    expect((await run(["keygen", "--out", "keys", "--key-id", "local-1"])).code).toBe(0);
  });

  it("simulate prints the decision, the matched rule and the hashes", async () => {
    const result = await run(["simulate", ...byId, "--signals", "signals.json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const hashes = computeExecutionHashes("loan-approval", "1.0.0", signals);
    expect(result.stdout).toBe(
      [
        "policy                 loan-approval@1.0.0",
        "action                 manual_review",
        "rule                   review-large-loan",
        "reason                 Large loans need a second look.",
        "requires_override      true",
        `execution_fingerprint  ${hashes.execution_fingerprint}`,
        `signalsHash            ${hashes.signalsHash}`,
        "",
      ].join("\n"),
    );
  });

  it("simulate takes inline JSON, --policy, --root and prints --json", async () => {
    const inline = await run([
      "simulate",
      "--policy",
      "policies/loan-approval/1.0.0",
      "--signals",
      '{"credit_score":550,"loan_amount":1}',
      "--json",
    ]);
    expect(inline.code).toBe(0);
    expect(JSON.parse(inline.stdout)).toMatchObject({
      policyId: "loan-approval",
      policyVersion: "1.0.0",
      rule_id: "reject-low-score",
      decision: { action: "reject" },
    });
    const fromEnv = await run(["simulate", ...byId, "--signals", "signals.json", "--json"], {
      PARMANA_POLICIES_ROOT: join(cwd, "policies"),
    });
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({ rule_id: "review-large-loan" });
    const elsewhere = await runParmana(
      [
        "simulate",
        ...byId,
        "--signals",
        join(cwd, "signals.json"),
        "--root",
        join(cwd, "policies"),
        "--json",
      ],
      { cwd: "/" },
    );
    expect(JSON.parse(elsewhere.stdout)).toMatchObject({ rule_id: "review-large-loan" });
  });

  it.each([
    [["--signals", '{"credit_score":720}'], /^parmana: \[VAL-004\] .*loan_amount.*\n$/],
    [
      ["--signals", '{"credit_score":"high","loan_amount":1}'],
      /^parmana: \[VAL-007\] .*credit_score.*\n$/,
    ],
    [
      ["--signals", "[1,2]"],
      /^parmana: \[CLI-004\] signals must be a JSON object of signal values: --signals\n$/,
    ],
    [
      ["--signals", "missing.json"],
      /^parmana: \[CLI-002\] signals file not found: missing\.json\n$/,
    ],
    [
      ["--signals", "{oops"],
      /^parmana: \[CLI-004\] signals is not valid JSON: --signals \(.+\)\n$/,
    ],
  ])("simulate refuses bad signals %j with one coded line, exit 2", async (args, stderr) => {
    const result = await run(["simulate", ...byId, ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(stderr);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it.each([
    [
      ["simulate", "--policy-id", "nope", "--policy-version", "1.0.0", "--signals", "signals.json"],
      /^parmana: \[POL-001\] Policy not found: nope@1\.0\.0 \(tried .+\)\n$/,
    ],
    [
      ["simulate", "--signals", "signals.json"],
      /^parmana: \[CLI-001\] give --policy-id and --policy-version \(or --policy <dir>\) /,
    ],
    [["simulate", ...byId], /^parmana: \[CLI-001\] missing required option --signals /],
    [
      ["execute", ...byId, "--signals", "signals.json"],
      /^parmana: \[CLI-001\] missing required option --key /,
    ],
    [
      ["execute", ...byId, "--signals", "signals.json", "--key", "keys/nope.pem"],
      /^parmana: \[CLI-002\] private key not found: keys\/nope\.pem\n$/,
    ],
  ])("%j fails with one coded line, exit 2", async (args, stderr) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(stderr);
  });

  it("execute prints a signed attestation that verifies, with the key id keygen recorded", async () => {
    const result = await run([
      "execute",
      ...byId,
      "--signals",
      "signals.json",
      "--key",
      "keys/private.pem",
      "--execution-id",
      "loan-7",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const attestation = JSON.parse(result.stdout) as Record<string, unknown>;
    const hashes = computeExecutionHashes("loan-approval", "1.0.0", signals);
    expect(attestation).toMatchObject({
      executionId: "loan-7",
      policyId: "loan-approval",
      policyVersion: "1.0.0",
      decision: { action: "manual_review", requires_override: true },
      execution_state: "pending_override",
      signalsHash: hashes.signalsHash,
      execution_fingerprint: hashes.execution_fingerprint,
      signerKeyId: "local-1",
    });
    expect(deriveKeyId(readFileSync(join(cwd, "keys/public.pem"), "utf8"))).not.toBe("local-1");
    writeFileSync(join(cwd, "printed.json"), result.stdout);
    const verified = await run([
      "verify",
      "attestation",
      "printed.json",
      "--key",
      "keys/public.pem",
      "--policy",
      "policies/loan-approval/1.0.0",
      "--signals",
      "signals.json",
    ]);
    expect(verified.code).toBe(0);
  });

  it("execute --out writes the file and never overwrites it without --force", async () => {
    const first = await run([
      "execute",
      ...byId,
      "--signals",
      "signals.json",
      "--key",
      "keys/private.pem",
      "--out",
      "out/a.json",
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^manual_review \(pending_override\) loan-approval@1\.0\.0\n {2}executionId {2}\S+\n {2}signerKeyId {2}local-1\n {2}written to {3}out\/a\.json\n$/,
    );
    const before = readFileSync(join(cwd, "out/a.json"), "utf8");
    const second = await run([
      "execute",
      ...byId,
      "--signals",
      "signals.json",
      "--key",
      "keys/private.pem",
      "--out",
      "out/a.json",
    ]);
    expect(second).toEqual({
      code: 2,
      stdout: "",
      stderr: "parmana: [CLI-005] out/a.json already exists (pass --force to replace it)\n",
    });
    expect(readFileSync(join(cwd, "out/a.json"), "utf8")).toBe(before);
    const forced = await run([
      "execute",
      ...byId,
      "--signals",
      "signals.json",
      "--key",
      "keys/private.pem",
      "--out",
      "out/a.json",
      "--force",
    ]);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, "out/a.json"), "utf8")).not.toBe(before);
  });
});
