import type { DecisionRow } from "../audit-db.types.js";
import type { SqlExecutor } from "../connection/driver.types.js";
import type { AuditTables } from "../connection/schema-name.js";
import { decisionWhere } from "../query/decision-filter.js";
import { SqlParams } from "../query/sql-params.js";

/** A stored decision row as read for export and re-verification (table columns, not the view). */
export type StoredDecision = Omit<
  DecisionRow,
  | "attestation"
  | "recorded_at"
  | "verification_valid"
  | "signature_verified"
  | "runtime_verified"
  | "schema_compatible"
  | "verified_at"
> & {
  /** Parsed from jsonb; checked, never trusted. */
  readonly attestation: unknown;
};

/** Default rows per page of a scan. */
export const SCAN_BATCH_SIZE: number = 500;

/**
 * Reads every decision matching `filter` in recording order (ascending id), one page at a time
 * (keyset pagination on id), so memory stays bounded by two pages whatever the table size (the
 * next page is read while the caller works on the current one). Rows
 * recorded after the scan started are not included.
 *
 * @param db - the database
 * @param tables - the schema's names
 * @param filter - a decision query (its limit and cursor are ignored)
 * @param batchSize - rows per page
 * @returns the pages, lazily
 * @throws StoreError `STORE-056` for an invalid filter (before any row is read)
 */
export async function* scanDecisions(
  db: SqlExecutor,
  tables: AuditTables,
  filter: unknown,
  batchSize: number = SCAN_BATCH_SIZE,
): AsyncGenerator<StoredDecision[]> {
  const base = scanFilter(filter);
  // Validates the filter once, before anything is read.
  decisionWhere(base, new SqlParams());
  const top = await db.query<{ max: string | null }>(
    `SELECT max(id)::text AS max FROM ${tables.decisions}`,
  );
  const maxId = top.rows[0]?.max;
  if (maxId === null || maxId === undefined) return;
  const readPage = (after: string) => {
    const params = new SqlParams();
    const where = decisionWhere(base, params);
    const clauses = [
      ...where.clauses,
      `d.id > ${params.add(after)}::bigint`,
      `d.id <= ${params.add(maxId)}::bigint`,
    ];
    return db.query<StoredDecision>(
      `SELECT d.id::text AS id, d.execution_id, d.execution_fingerprint, d.policy_id,
         d.policy_version, d.schema_version, d.runtime_version, d.runtime_hash, d.decision,
         d.requires_override, d.execution_state, d.signals_hash, d.bundle_hash, d.signer_key_id,
         d.signature, d.attestation, d.signals, d.executed_at
       FROM ${tables.decisions} d WHERE ${clauses.join(" AND ")}
       ORDER BY d.id LIMIT ${params.add(batchSize)}`,
      params.values,
    );
  };
  let pending = readPage("0");
  for (;;) {
    const page = await pending;
    if (page.rows.length === 0) return;
    const last = page.rows[page.rows.length - 1];
    const more = last !== undefined && page.rows.length === batchSize;
    // The next page is read while the caller works on this one (at most two pages in memory).
    if (more) {
      pending = readPage(last.id);
      // Handled when awaited; a consumer that stops early must not leave a rejection unhandled.
      pending.catch(() => undefined);
    }
    yield page.rows;
    if (!more) return;
  }
}

/**
 * A decision query without its page members (a scan reads every matching row).
 *
 * @throws StoreError `STORE-056` when the filter is not an object
 */
export function scanFilter(filter: unknown): unknown {
  if (filter === undefined) return undefined;
  if (typeof filter !== "object" || filter === null || Array.isArray(filter)) return filter;
  return Object.fromEntries(
    Object.entries(filter).filter(([key]) => key !== "limit" && key !== "cursor"),
  );
}
