import { existsSync } from "node:fs";
import {
  compilePolicy,
  type PolicyCompilationResult,
  type PolicyProblem,
} from "@parmanasystems/core";
import { createPolicyCompilationError } from "@parmanasystems/core/internal";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, positional } from "../cli/option-values.js";
import { MARKS, styleFor } from "../cli/style.js";
import { CliError } from "../errors/index.js";
import { findPolicies } from "./find-policies.js";

/**
 * Formats a policy's problems, one line each: severity, code, JSON path, message.
 *
 * @param result - the compilation result
 * @returns lines (without trailing newline), errors first
 */
export function formatProblems(result: PolicyCompilationResult): string[] {
  const line = (kind: string, problem: PolicyProblem): string =>
    `    ${kind} ${problem.code} ${problem.path}: ${problem.message}`;
  return [
    ...result.errors.map((problem) => line("error  ", problem)),
    ...result.warnings.map((problem) => line("warning", problem)),
  ];
}

/** `parmana policy compile`: type-check policies and report every problem. */
export const policyCompileCommand: CommandSpec = {
  path: ["policy", "compile"],
  summary: "Compile policies and print every problem with its code and JSON path.",
  usage: "<dir|file>",
  description:
    "Accepts a policy.json, its version folder, or any folder above (every policy.json below it).\n" +
    "Under a {policyId}/{policyVersion}/ layout the file must carry the ids of its folders (POL-008).\n" +
    "Warnings (POL-021 no catch-all, POL-023 unreachable, ...) are shown but do not fail.\n" +
    "Exit code: 0 every policy compiles, 1 any policy has errors, 2 nothing found.",
  options: {
    json: { type: "boolean", description: "Print one JSON object per policy (NDJSON)." },
  },
  positionals: { min: 1, max: 1 },
  examples: [
    "parmana policy compile policies/loan-approval/1.0.0",
    "parmana policy compile policies",
  ],
  async run(context) {
    const { io } = context;
    const target = positional(context, 0, "policy folder or file");
    const policies = findPolicies(io, target);
    if (policies.length === 0)
      throw new CliError("CLI-002", `no policy.json found under ${target}`);
    const only = policies[0];
    if (policies.length === 1 && only !== undefined && !existsSync(only.file)) {
      // A path that names nothing is an input error (exit 2), not a policy with errors.
      throw createPolicyCompilationError(compilePolicy(only.file), target);
    }
    const json = booleanOption(context, "json");
    const style = styleFor(io, io.stdout);
    let failed = 0;
    for (const found of policies) {
      const result = compilePolicy(found.file, {
        ...(found.expected === undefined
          ? {}
          : {
              expectedPolicyId: found.expected.policyId,
              expectedPolicyVersion: found.expected.policyVersion,
            }),
      });
      if (!result.valid) failed += 1;
      if (json) {
        io.stdout.write(
          `${JSON.stringify({
            source: found.shown,
            valid: result.valid,
            ...(result.policy === undefined
              ? {}
              : {
                  policyId: result.policy.policyId,
                  policyVersion: result.policy.policyVersion,
                  policyHash: result.policy.policyHash,
                }),
            errors: result.errors,
            warnings: result.warnings,
          })}\n`,
        );
        continue;
      }
      const counts = `${result.errors.length} error${result.errors.length === 1 ? "" : "s"}, ${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"}`;
      if (result.policy !== undefined) {
        io.stdout.write(
          `${style.ok(MARKS.pass)} ${found.shown}: ${result.policy.policyId}@${result.policy.policyVersion} compiles (${counts}, ${result.policy.document.rules.length} rules)\n` +
            `    policyHash ${result.policy.policyHash}\n`,
        );
      } else {
        io.stdout.write(`${style.bad(MARKS.fail)} ${found.shown}: ${counts}\n`);
      }
      for (const line of formatProblems(result)) io.stdout.write(`${line}\n`);
    }
    if (policies.length > 1 && !json) {
      io.stdout.write(
        `${policies.length} policies: ${policies.length - failed} compile, ${failed} with errors\n`,
      );
    }
    return failed > 0 ? EXIT_CODES.failed : EXIT_CODES.ok;
  },
};
