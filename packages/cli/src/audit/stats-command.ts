import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption } from "../cli/option-values.js";
import { AUDIT_DB_OPTIONS, openAuditDb } from "./open-audit-db.js";

/** `parmana audit stats`: counts of the audit database. */
export const auditStatsCommand: CommandSpec = {
  path: ["audit", "stats"],
  summary: "Show audit database statistics and the security dashboard.",
  usage: "",
  options: AUDIT_DB_OPTIONS,
  positionals: { min: 0, max: 0 },
  examples: ["parmana audit stats", "parmana audit stats --db postgres://reader@db/audit --json"],
  async run(context) {
    const db = openAuditDb(context, "read");
    try {
      const { background: _background, ...stats } = await db.getStats();
      const dashboard = await db.getSecurityDashboard();
      if (booleanOption(context, "json")) {
        context.io.stdout.write(`${JSON.stringify({ ...stats, security_dashboard: dashboard })}\n`);
        return EXIT_CODES.ok;
      }
      const width = Math.max(...Object.keys(stats).map((key) => key.length));
      for (const [key, value] of Object.entries(stats))
        context.io.stdout.write(`${key.padEnd(width)}  ${value}\n`);
      if (dashboard.length > 0) {
        context.io.stdout.write("\nsecurity events (type, severity, count, last):\n");
        for (const row of dashboard)
          context.io.stdout.write(
            `  ${row.event_type} ${row.severity} ${row.event_count} ${new Date(row.last_occurred_at).toISOString()}\n`,
          );
      }
      return EXIT_CODES.ok;
    } finally {
      await db.close();
    }
  },
};
