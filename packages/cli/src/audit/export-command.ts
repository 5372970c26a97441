import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { DECISION_FILTER_OPTIONS, decisionFilter } from "./decision-filter-options.js";
import { AUDIT_DB_OPTIONS, openAuditDb } from "./open-audit-db.js";

const { json: _json, ...DB_OPTIONS } = AUDIT_DB_OPTIONS;

/** `parmana audit export`: stored attestations as NDJSON on stdout. */
export const auditExportCommand: CommandSpec = {
  path: ["audit", "export"],
  summary: "Write recorded attestations as NDJSON (for `parmana verify attestation`).",
  usage: "",
  description:
    "One canonical attestation per line, in recording order, read page by page (any table size).\n" +
    "Pipe it to `parmana verify attestation --key <public.pem>` to verify it with the public key alone.",
  options: { ...DB_OPTIONS, ...DECISION_FILTER_OPTIONS },
  positionals: { min: 0, max: 0 },
  examples: [
    "parmana audit export --decision reject > rejects.ndjson",
    "parmana audit export | parmana verify attestation --key public.pem --quiet",
  ],
  async run(context) {
    const filter = decisionFilter(context);
    const db = openAuditDb(context, "read");
    try {
      for await (const chunk of db.exportDecisions(filter)) context.io.stdout.write(String(chunk));
      return EXIT_CODES.ok;
    } finally {
      await db.close();
    }
  },
};
