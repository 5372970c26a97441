import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compilePolicy, type CompiledPolicy } from "@parmanasystems/core";
import { CliError } from "../../src/errors/index.js";
import { readPolicyTestFile, type PolicyTestCase } from "../../src/policy/policy-test-file.js";
import { runPolicyTests } from "../../src/policy/run-policy-tests.js";
import { LOAN_POLICY } from "../helpers/fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "parmana-cli-table-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(table: unknown): PolicyTestCase[] {
  const path = join(dir, "table.json");
  writeFileSync(path, JSON.stringify(table));
  return readPolicyTestFile(path, "table.json");
}

describe("readPolicyTestFile", () => {
  it("reads decisions and error expectations", () => {
    expect(
      read([
        {
          name: "a",
          signals: { x: 1 },
          expect: { action: "approve", rule_id: "r", requires_override: false },
        },
        { name: "b", signals: {}, expect: { error: "VAL-004" } },
      ]),
    ).toEqual([
      {
        name: "a",
        signals: { x: 1 },
        expect: { action: "approve", rule_id: "r", requires_override: false },
      },
      { name: "b", signals: {}, expect: { error: "VAL-004" } },
    ]);
  });

  it.each([
    [{}, "$: expected an array of test cases"],
    [[1], "case 0: expected an object { name, signals, expect }"],
    [[{ signals: {}, expect: { action: "a" } }], "case 0: name must be a non-empty string"],
    [[{ name: "a", signals: [], expect: { action: "a" } }], 'case "a": signals must be an object'],
    [
      [{ name: "a", signals: {}, expect: {} }],
      'case "a": expect.action must be a non-empty string (or give expect.error)',
    ],
    [
      [{ name: "a", signals: {}, expect: { action: "x", rule: "r" } }],
      'case "a": unknown expect field "rule" (use action, rule_id, requires_override or error)',
    ],
    [
      [{ name: "a", signals: {}, expect: { action: "x", requires_override: "no" } }],
      'case "a": expect.requires_override must be a boolean',
    ],
    [
      [{ name: "a", signals: {}, expect: { error: 4 } }],
      'case "a": expect.error must be an error code such as "VAL-004"',
    ],
    [
      [
        { name: "a", signals: {}, expect: { action: "x" } },
        { name: "a", signals: {}, expect: { action: "y" } },
      ],
      'case "a": duplicate name',
    ],
  ])("refuses %j with CLI-008", (table, where) => {
    let caught: unknown;
    try {
      read(table);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CliError);
    expect((caught as CliError).code).toBe("CLI-008");
    expect((caught as CliError).message).toBe(`[CLI-008] table.json: ${where}`);
  });
});

describe("runPolicyTests", () => {
  const policy = compilePolicy(LOAN_POLICY).policy as CompiledPolicy;

  it("passes matching cases and explains each mismatch with the rule that matched", () => {
    const outcomes = runPolicyTests(policy, [
      {
        name: "ok",
        signals: { credit_score: 700, loan_amount: 10 },
        expect: { action: "approve", rule_id: "approve-standard" },
      },
      {
        name: "wrong action",
        signals: { credit_score: 500, loan_amount: 10 },
        expect: { action: "approve" },
      },
      {
        name: "wrong override",
        signals: { credit_score: 700, loan_amount: 60000 },
        expect: { action: "manual_review", requires_override: false },
      },
      { name: "expected error", signals: { credit_score: 700 }, expect: { error: "VAL-004" } },
      { name: "other error", signals: { credit_score: 700 }, expect: { error: "VAL-003" } },
      { name: "unexpected error", signals: { credit_score: 700 }, expect: { action: "approve" } },
    ]);
    expect(outcomes.map((outcome) => [outcome.name, outcome.passed, outcome.failure])).toEqual([
      ["ok", true, undefined],
      [
        "wrong action",
        false,
        'expected action "approve"; got action "reject" from rule reject-low-score',
      ],
      [
        "wrong override",
        false,
        'expected action "manual_review", requires_override false; rule review-large-loan gives requires_override true',
      ],
      ["expected error", true, undefined],
      [
        "other error",
        false,
        expect.stringMatching(/^expected error VAL-003; evaluation failed: \[VAL-004\] /),
      ],
      [
        "unexpected error",
        false,
        expect.stringMatching(/^expected action "approve"; evaluation failed: \[VAL-004\] /),
      ],
    ]);
  });
});
