import type { DecisionQuery } from "@parmanasystems/audit-db";
import type { CommandContext, OptionSpec } from "../cli/command.types.js";
import { multipleStringOption, stringOption } from "../cli/option-values.js";
import { usageError } from "../errors/index.js";
import { signalsCondition } from "./open-audit-db.js";

/** Filter options shared by `audit query`, `audit export` and `audit verify`. */
export const DECISION_FILTER_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  policy: { type: "string", valueName: "<policyId>", description: "Only this policy." },
  "policy-version": {
    type: "string",
    valueName: "<version>",
    description: "Only this policy version.",
  },
  decision: {
    type: "string",
    multiple: true,
    valueName: "<action>",
    description: "Only this decision action (repeat for several).",
  },
  state: {
    type: "string",
    valueName: "<state>",
    description: "completed or pending_override.",
  },
  from: {
    type: "string",
    valueName: "<time>",
    description: "Decided at or after this ISO-8601 time.",
  },
  to: { type: "string", valueName: "<time>", description: "Decided before this ISO-8601 time." },
  signals: {
    type: "string",
    valueName: "<json|@file>",
    description:
      'A policy condition on the signals, e.g. \'{"signal":"claim_amount","greater_than":500000}\'.',
  },
};

/**
 * Builds the decision filter from the command's options.
 *
 * @throws CliError `CLI-001` bad --state, `CLI-031` bad --signals
 */
export function decisionFilter(context: CommandContext): DecisionQuery {
  const state = stringOption(context, "state");
  if (state !== undefined && state !== "completed" && state !== "pending_override")
    throw usageError("--state must be completed or pending_override", context.commandName);
  const decisions = multipleStringOption(context, "decision");
  const signals = signalsCondition(context);
  const entries: [string, unknown][] = [
    ["policyId", stringOption(context, "policy")],
    ["policyVersion", stringOption(context, "policy-version")],
    [
      "decision",
      decisions.length === 0 ? undefined : decisions.length === 1 ? decisions[0] : decisions,
    ],
    ["executionState", state],
    ["from", stringOption(context, "from")],
    ["to", stringOption(context, "to")],
    ["signals", signals],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as DecisionQuery;
}
