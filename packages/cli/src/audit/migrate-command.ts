import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption } from "../cli/option-values.js";
import { AUDIT_DB_OPTIONS, openAuditDb } from "./open-audit-db.js";

/** `parmana audit migrate`: create or update the audit database schema. */
export const auditMigrateCommand: CommandSpec = {
  path: ["audit", "migrate"],
  summary: "Create or update the audit database tables (idempotent).",
  usage: "",
  description:
    "Applies the versioned migrations that are missing, in one transaction under an advisory lock, so\n" +
    "several instances may run it at once. Run it as the owner of the schema; the application role\n" +
    "then needs only INSERT and SELECT. Without --db, uses the embedded database in ./.parmana/audit-db\n" +
    "(created if absent).",
  options: AUDIT_DB_OPTIONS,
  positionals: { min: 0, max: 0 },
  examples: [
    "parmana audit migrate",
    "parmana audit migrate --db postgres://owner@db.internal/audit",
  ],
  async run(context) {
    const db = openAuditDb(context, "migrate");
    try {
      const result = await db.migrate();
      if (booleanOption(context, "json")) context.io.stdout.write(`${JSON.stringify(result)}\n`);
      else
        context.io.stdout.write(
          result.applied.length === 0
            ? `audit database is up to date (schema version ${result.version})\n`
            : `applied migration${result.applied.length > 1 ? "s" : ""} ${result.applied.join(", ")}; schema version ${result.version}\n`,
        );
      return EXIT_CODES.ok;
    } finally {
      await db.close();
    }
  },
};
