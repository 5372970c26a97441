import { simulate } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption } from "../cli/option-values.js";
import { EXECUTION_INPUT_OPTIONS, readExecutionInput } from "./execution-input.js";

/** `parmana simulate`: the decision a policy reaches, without signing anything. */
export const simulateCommand: CommandSpec = {
  path: ["simulate"],
  summary: "Show the decision and matched rule for signals, without signing or replay protection.",
  usage: "",
  description:
    "Runs core's simulate(): validates the signals, evaluates the rules, prints the decision, the\nmatched rule, the execution fingerprint and the signals hash. Nothing is signed or stored.",
  options: {
    ...EXECUTION_INPUT_OPTIONS,
    json: { type: "boolean", description: "Print the simulation result as JSON." },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    'parmana simulate --policy-id loan-approval --policy-version 1.0.0 --signals \'{"credit_score":720,"loan_amount":15000}\'',
    "parmana simulate --policy policies/loan-approval/1.0.0 --signals signals.json --json",
  ],
  async run(context) {
    const { input, policies } = readExecutionInput(context);
    const result = simulate(input, { policies });
    if (booleanOption(context, "json")) {
      context.io.stdout.write(
        `${JSON.stringify({ policyId: input.policyId, policyVersion: input.policyVersion, ...result })}\n`,
      );
    } else {
      context.io.stdout.write(
        `policy                 ${input.policyId}@${input.policyVersion}\n` +
          `action                 ${result.decision.action}\n` +
          `rule                   ${result.rule_id}\n` +
          `reason                 ${result.decision.reason}\n` +
          `requires_override      ${String(result.decision.requires_override)}\n` +
          `execution_fingerprint  ${result.execution_fingerprint}\n` +
          `signalsHash            ${result.signalsHash}\n`,
      );
    }
    return EXIT_CODES.ok;
  },
};
