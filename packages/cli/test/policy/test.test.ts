import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeBuilt, makeWorkspace, runParmana } from "../helpers/run-parmana.js";
import { writeJson, writePolicy } from "../helpers/fixtures.js";

describeBuilt("parmana policy test", () => {
  const workspace = makeWorkspace("policy-test");
  afterAll(workspace.cleanup);
  const cwd = workspace.dir;
  const dir = join(cwd, "policies/loan-approval/1.0.0");
  beforeAll(() => {
    writePolicy(join(cwd, "policies"));
  });

  const passing = [
    {
      name: "approves good credit",
      signals: { credit_score: 720, loan_amount: 15000 },
      expect: { action: "approve", rule_id: "approve-standard" },
    },
    {
      name: "rejects a low score",
      signals: { credit_score: 550, loan_amount: 15000 },
      expect: { action: "reject" },
    },
    {
      name: "large loans need override",
      signals: { credit_score: 720, loan_amount: 90000 },
      expect: { action: "manual_review", requires_override: true },
    },
    {
      name: "a missing signal is refused",
      signals: { credit_score: 720 },
      expect: { error: "VAL-004" },
    },
  ];

  it("passes a table whose cases all hold, exit 0", async () => {
    writeJson(join(dir, "policy.test.json"), passing);
    const result = await runParmana(["policy", "test", "policies/loan-approval/1.0.0"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "loan-approval@1.0.0 (policies/loan-approval/1.0.0/policy.test.json)",
        "  ✓ approves good credit",
        "  ✓ rejects a low score",
        "  ✓ large loans need override",
        "  ✓ a missing signal is refused",
        "4 cases: 4 passed, 0 failed",
        "",
      ].join("\n"),
    );
  });

  it("reports each failure with the rule that matched instead, exit 1", async () => {
    writeJson(join(cwd, "tables/failing.json"), [
      ...passing.slice(0, 1),
      // A low score is rejected before the amount is looked at: the author's expectation is wrong.
      {
        name: "large loan with low score",
        signals: { credit_score: 550, loan_amount: 90000 },
        expect: { action: "manual_review" },
      },
      {
        name: "wrong rule id",
        signals: { credit_score: 720, loan_amount: 1000 },
        expect: { action: "approve", rule_id: "approve-fast" },
      },
      {
        name: "expects an error that does not happen",
        signals: { credit_score: 720, loan_amount: 1000 },
        expect: { error: "VAL-004" },
      },
    ]);
    const result = await runParmana(
      ["policy", "test", "policies/loan-approval/1.0.0", "--file", "tables/failing.json"],
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '  ✗ large loan with low score\n      expected action "manual_review"; got action "reject" from rule reject-low-score\n',
    );
    expect(result.stdout).toContain(
      '  ✗ wrong rule id\n      expected action "approve", rule approve-fast; got action "approve" from rule approve-standard instead\n',
    );
    expect(result.stdout).toContain(
      '  ✗ expects an error that does not happen\n      expected error VAL-004, got action "approve" from rule approve-standard\n',
    );
    expect(result.stdout).toContain("4 cases: 1 passed, 3 failed\n");
  });

  it("prints machine-readable outcomes with --json", async () => {
    const result = await runParmana(["policy", "test", "policies/loan-approval/1.0.0", "--json"], {
      cwd,
    });
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout) as {
      passed: number;
      failed: number;
      cases: { name: string; actual: unknown }[];
    };
    expect(record.passed).toBe(4);
    expect(record.failed).toBe(0);
    expect(record.cases[0]).toEqual({
      name: "approves good credit",
      passed: true,
      actual: { action: "approve", rule_id: "approve-standard", requires_override: false },
    });
    expect(record.cases[3]?.actual).toMatchObject({ error: "VAL-004" });
  });

  it("finds tests.json too, and every table below a folder", async () => {
    const other = writePolicy(join(cwd, "policies"), { ...LOAN_POLICY_V2 });
    writeJson(join(other, "tests.json"), passing.slice(0, 2));
    const result = await runParmana(["policy", "test", "policies"], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "loan-approval@1.1.0 (policies/loan-approval/1.1.0/tests.json)",
    );
    expect(result.stdout).toContain("6 cases: 6 passed, 0 failed");
  });

  it.each([
    [
      [{ name: "x", signals: {} }],
      'parmana: [CLI-008] tables/bad.json: case "x": expect must be an object\n',
    ],
    [{ cases: [] }, "parmana: [CLI-008] tables/bad.json: $: expected an array of test cases\n"],
    [
      [{ name: "y", signals: {}, expect: { action: "a", error: "VAL-004" } }],
      'parmana: [CLI-008] tables/bad.json: case "y": expect has both error and a decision; give one\n',
    ],
  ])("refuses a malformed table %j with one coded line and exit 2", async (table, stderr) => {
    writeJson(join(cwd, "tables/bad.json"), table);
    const result = await runParmana(
      ["policy", "test", "policies/loan-approval/1.0.0", "--file", "tables/bad.json"],
      { cwd },
    );
    expect(result).toEqual({ code: 2, stdout: "", stderr });
  });

  it("says where to put the table when there is none, exit 2", async () => {
    writePolicy(join(cwd, "untested"));
    const result = await runParmana(["policy", "test", "untested/loan-approval/1.0.0"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "parmana: [CLI-002] no test table found for untested/loan-approval/1.0.0 (create policy.test.json or tests.json beside policy.json, or pass --file)\n",
    );
  });
});

const LOAN_POLICY_V2 = {
  policyId: "loan-approval",
  policyVersion: "1.1.0",
  schemaVersion: "1.0.0",
  signalsSchema: { credit_score: { type: "integer" }, loan_amount: { type: "number" } },
  rules: [
    {
      id: "reject-low-score",
      condition: { signal: "credit_score", less_than: 600 },
      outcome: { action: "reject", requires_override: false, reason: "Credit score below 600." },
    },
    {
      id: "approve-standard",
      condition: { all: [] },
      outcome: { action: "approve", requires_override: false, reason: "ok" },
    },
  ],
};
