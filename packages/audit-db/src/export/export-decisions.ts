import { Readable } from "node:stream";
import { canonicalize } from "@parmanasystems/core";
import type { SqlExecutor } from "../connection/driver.types.js";
import type { AuditTables } from "../connection/schema-name.js";
import { databaseError } from "../errors/database-errors.js";
import { scanDecisions } from "./scan-decisions.js";

/**
 * The stored attestations matching `filter` as NDJSON: one canonical (RFC 8785) attestation per
 * line, in recording order, read page by page. `parmana verify attestation` reads it on stdin.
 *
 * @returns a readable stream of UTF-8 text
 */
export function exportDecisionStream(
  open: () => Promise<SqlExecutor>,
  tables: AuditTables,
  filter: unknown,
): Readable {
  async function* lines(): AsyncGenerator<string> {
    try {
      const db = await open();
      for await (const page of scanDecisions(db, tables, filter)) {
        yield page.map((row) => `${canonicalize(row.attestation)}\n`).join("");
      }
    } catch (error) {
      throw databaseError(error, "export decisions");
    }
  }
  return Readable.from(lines(), { objectMode: false });
}
