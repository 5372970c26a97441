import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeBuilt, makeWorkspace, runParmana, STACK_FRAME } from "../helpers/run-parmana.js";
import { LOAN_POLICY, writeJson, writePolicy } from "../helpers/fixtures.js";

describeBuilt("parmana policy compile", () => {
  const workspace = makeWorkspace("compile");
  afterAll(workspace.cleanup);
  const cwd = workspace.dir;
  beforeAll(() => {
    writePolicy(join(cwd, "policies"));
  });

  it("reports a valid policy with its identity and exit 0", async () => {
    const result = await runParmana(["policy", "compile", "policies/loan-approval/1.0.0"], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "✓ policies/loan-approval/1.0.0/policy.json: loan-approval@1.0.0 compiles (0 errors, 0 warnings, 3 rules)",
    );
    expect(result.stdout).toMatch(/policyHash sha256:[0-9a-f]{64}\n/);
    expect(result.stderr).toBe("");
  });

  it("prints every problem with its code and JSON path, and exits 1", async () => {
    writeJson(join(cwd, "broken/orders/1.0.0/policy.json"), {
      policyId: "orders",
      policyVersion: "1.0.0",
      schemaVersion: "1.0.0",
      signalsSchema: { amount: { type: "number" } },
      rules: [
        {
          id: "big",
          condition: { signal: "amount", greater_than: "lots" },
          outcome: { action: "hold", requires_override: false, reason: "r" },
        },
        {
          id: "typo",
          condition: { signal: "amout", less_than: 5 },
          outcome: { action: "ok", requires_override: false, reason: "r" },
        },
      ],
    });
    const result = await runParmana(["policy", "compile", "broken/orders/1.0.0/policy.json"], {
      cwd,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✗ broken/orders/1.0.0/policy.json: 2 errors");
    // One line per problem: severity, code, path, message.
    expect(result.stdout).toMatch(
      /^ {4}error {3}POL-017 \$\.rules\[0\]\.condition\.greater_than: .+$/m,
    );
    expect(result.stdout).toMatch(
      /^ {4}error {3}POL-015 \$\.rules\[1\]\.condition\.signal: .*amout.*$/m,
    );
  });

  it("shows warnings but exits 0 when there are no errors", async () => {
    const noCatchAll = {
      ...LOAN_POLICY,
      policyId: "no-catch-all",
      rules: LOAN_POLICY.rules.slice(0, 2),
    };
    writePolicy(join(cwd, "warn"), noCatchAll);
    const result = await runParmana(["policy", "compile", "warn/no-catch-all/1.0.0"], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/compiles \(0 errors, 1 warning, 2 rules\)/);
    expect(result.stdout).toMatch(/^ {4}warning POL-021 \$\.rules: /m);
  });

  it("checks that a policy carries the ids of its folders (POL-008)", async () => {
    writeJson(join(cwd, "moved/loan-approval/2.0.0/policy.json"), LOAN_POLICY);
    const result = await runParmana(["policy", "compile", "moved/loan-approval/2.0.0"], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ {4}error {3}POL-008 \$\.policyVersion: .*"2\.0\.0"/m);
  });

  it("compiles every policy below a folder and prints NDJSON with --json", async () => {
    writePolicy(join(cwd, "tree"), LOAN_POLICY);
    writePolicy(join(cwd, "tree"), { ...LOAN_POLICY, policyVersion: "1.1.0" });
    const result = await runParmana(["policy", "compile", "tree", "--json"], { cwd });
    expect(result.code).toBe(0);
    const records = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => [record.source, record.valid, record.policyVersion])).toEqual([
      ["tree/loan-approval/1.0.0/policy.json", true, "1.0.0"],
      ["tree/loan-approval/1.1.0/policy.json", true, "1.1.0"],
    ]);
  });

  it("fails a path that names nothing with one coded line and exit 2", async () => {
    const result = await runParmana(["policy", "compile", "policies/nope/1.0.0"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^parmana: \[POL-001\] policies\/nope\/1\.0\.0: Policy not found: no file at \S+\n$/,
    );
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});
