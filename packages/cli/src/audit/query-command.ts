import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, stringOption } from "../cli/option-values.js";
import { CliError } from "../errors/index.js";
import { DECISION_FILTER_OPTIONS, decisionFilter } from "./decision-filter-options.js";
import { AUDIT_DB_OPTIONS, openAuditDb } from "./open-audit-db.js";

/** `parmana audit query`: one page of decisions matching a filter. */
export const auditQueryCommand: CommandSpec = {
  path: ["audit", "query"],
  summary: "List recorded decisions matching a filter (newest first, paged).",
  usage: "",
  description:
    "--signals takes a policy condition over the recorded signals, as in a policy rule. Prints one line\n" +
    "per decision, or with --json one JSON row per line; when more rows match, the last line gives the\n" +
    "--cursor of the next page.",
  options: {
    ...AUDIT_DB_OPTIONS,
    ...DECISION_FILTER_OPTIONS,
    limit: {
      type: "string",
      valueName: "<n>",
      description: "Rows per page (1-1000).",
      defaultText: "100",
    },
    cursor: {
      type: "string",
      valueName: "<cursor>",
      description: "Continue after a previous page.",
    },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    `parmana audit query --decision reject --signals '{"signal":"claim_amount","greater_than":500000}'`,
    "parmana audit query --policy loan-approval --from 2026-01-01T00:00:00Z --json",
  ],
  async run(context) {
    const limitText = stringOption(context, "limit");
    if (limitText !== undefined && !/^\d{1,4}$/.test(limitText))
      throw new CliError(
        "CLI-031",
        `--limit must be a whole number from 1 to 1000, got '${limitText}'`,
      );
    const cursor = stringOption(context, "cursor");
    const filter = {
      ...decisionFilter(context),
      ...(limitText === undefined ? {} : { limit: Number(limitText) }),
      ...(cursor === undefined ? {} : { cursor }),
    };
    const db = openAuditDb(context, "read");
    try {
      const page = await db.queryDecisions(filter);
      const json = booleanOption(context, "json");
      for (const row of page.rows) {
        if (json) {
          context.io.stdout.write(`${JSON.stringify(row)}\n`);
        } else {
          context.io.stdout.write(
            `${new Date(row.executed_at).toISOString()}  ${row.execution_id}  ${row.policy_id}@${row.policy_version}  ${row.decision}  ${row.execution_state}${row.signals === null ? "" : `  ${JSON.stringify(row.signals)}`}\n`,
          );
        }
      }
      if (!json)
        context.io.stdout.write(
          `${page.rows.length} decision${page.rows.length === 1 ? "" : "s"}\n`,
        );
      if (page.nextCursor !== undefined)
        (json ? context.io.stderr : context.io.stdout).write(
          `next page: --cursor ${page.nextCursor}\n`,
        );
      return EXIT_CODES.ok;
    } finally {
      await db.close();
    }
  },
};
