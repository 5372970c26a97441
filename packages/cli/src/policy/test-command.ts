import { relative } from "node:path";
import { compilePolicy } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, positional, stringOption } from "../cli/option-values.js";
import { MARKS, styleFor } from "../cli/style.js";
import { CliError } from "../errors/index.js";
import { resolvePath } from "../io/resolve-path.js";
import { findPolicies } from "./find-policies.js";
import { findPolicyTestFile, readPolicyTestFile } from "./policy-test-file.js";
import { runPolicyTests } from "./run-policy-tests.js";
import { formatProblems } from "./compile-command.js";

/** `parmana policy test`: run the table of cases kept next to a policy. */
export const policyTestCommand: CommandSpec = {
  path: ["policy", "test"],
  summary: "Run the test table beside a policy (policy.test.json or tests.json), like `opa test`.",
  usage: "<dir>",
  description:
    "The table is a JSON array of cases:\n" +
    '  [{ "name": "approves good credit",\n' +
    '     "signals": { "credit_score": 720, "loan_amount": 15000 },\n' +
    '     "expect": { "action": "approve", "rule_id": "approve-standard" } },\n' +
    '   { "name": "missing signal is refused", "signals": {}, "expect": { "error": "VAL-004" } }]\n' +
    "expect holds action (plus optional rule_id and requires_override) or error (a code).\n" +
    "Each case is evaluated with evaluatePolicy (nothing signed). A failure names the rule that\n" +
    "matched instead. A folder above several policies tests every policy that has a table.\n" +
    "Exit code: 0 all cases pass, 1 any case fails or a policy does not compile, 2 no table or a malformed one.",
  options: {
    file: {
      type: "string",
      valueName: "<tests.json>",
      description: "Test table to use instead of the one beside the policy.",
    },
    json: {
      type: "boolean",
      description: "Print one JSON object per policy with every case's outcome.",
    },
  },
  positionals: { min: 1, max: 1 },
  examples: ["parmana policy test policies/loan-approval/1.0.0", "parmana policy test policies"],
  async run(context) {
    const { io } = context;
    const target = positional(context, 0, "policy folder");
    const fileOption = stringOption(context, "file");
    const json = booleanOption(context, "json");
    const style = styleFor(io, io.stdout);
    const policies = findPolicies(io, target);
    const tables = policies
      .map((found) => ({
        found,
        table:
          fileOption === undefined ? findPolicyTestFile(found.dir) : resolvePath(io, fileOption),
      }))
      .filter(
        (entry): entry is { found: (typeof policies)[number]; table: string } =>
          entry.table !== undefined,
      );
    if (tables.length === 0) {
      throw new CliError(
        "CLI-002",
        `no test table found for ${target} (create policy.test.json or tests.json beside policy.json, or pass --file)`,
      );
    }
    let passed = 0;
    let failed = 0;
    let broken = 0;
    for (const { found, table } of tables) {
      const tableShown = fileOption ?? relative(io.cwd, table);
      const cases = readPolicyTestFile(table, tableShown);
      const compiled = compilePolicy(found.file, {
        ...(found.expected === undefined
          ? {}
          : {
              expectedPolicyId: found.expected.policyId,
              expectedPolicyVersion: found.expected.policyVersion,
            }),
      });
      if (compiled.policy === undefined) {
        broken += 1;
        if (json) {
          io.stdout.write(
            `${JSON.stringify({ source: found.shown, tests: tableShown, compiled: false, errors: compiled.errors })}\n`,
          );
        } else {
          io.stdout.write(
            `${style.bad(MARKS.fail)} ${found.shown}: does not compile, no case run\n`,
          );
          for (const line of formatProblems(compiled)) io.stdout.write(`${line}\n`);
        }
        continue;
      }
      const policy = compiled.policy;
      const outcomes = runPolicyTests(policy, cases);
      const policyFailed = outcomes.filter((outcome) => !outcome.passed).length;
      passed += outcomes.length - policyFailed;
      failed += policyFailed;
      if (json) {
        io.stdout.write(
          `${JSON.stringify({
            source: found.shown,
            tests: tableShown,
            policyId: policy.policyId,
            policyVersion: policy.policyVersion,
            passed: outcomes.length - policyFailed,
            failed: policyFailed,
            cases: outcomes,
          })}\n`,
        );
        continue;
      }
      io.stdout.write(`${policy.policyId}@${policy.policyVersion} (${tableShown})\n`);
      for (const outcome of outcomes) {
        io.stdout.write(
          `  ${outcome.passed ? style.ok(MARKS.pass) : style.bad(MARKS.fail)} ${outcome.name}\n`,
        );
        if (outcome.failure !== undefined) io.stdout.write(`      ${outcome.failure}\n`);
      }
    }
    if (!json) {
      io.stdout.write(
        `${passed + failed} case${passed + failed === 1 ? "" : "s"}: ${passed} passed, ${failed} failed${broken > 0 ? `; ${broken} polic${broken === 1 ? "y does" : "ies do"} not compile` : ""}\n`,
      );
    }
    return failed > 0 || broken > 0 ? EXIT_CODES.failed : EXIT_CODES.ok;
  },
};
