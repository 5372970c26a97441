import { StoreError } from "@parmanasystems/core";
import type {
  AuditStats,
  BackgroundWriteStats,
  DecisionPage,
  DecisionRow,
  SecurityDashboardRow,
  VerificationRow,
} from "../audit-db.types.js";
import type { SqlExecutor } from "../connection/driver.types.js";
import type { AuditTables } from "../connection/schema-name.js";
import { cursorAfter, decisionWhere, timelineWhere } from "./decision-filter.js";
import { SqlParams } from "./sql-params.js";

/** The columns of a {@link DecisionRow}, from the timeline view aliased `d`. */
export const DECISION_COLUMNS: string = `d.id::text AS id, d.execution_id, d.execution_fingerprint, d.policy_id,
  d.policy_version, d.schema_version, d.runtime_version, d.runtime_hash, d.decision,
  d.requires_override, d.execution_state, d.signals_hash, d.bundle_hash, d.signer_key_id,
  d.signature, d.attestation, d.signals, d.executed_at, d.recorded_at, d.verification_valid,
  d.signature_verified, d.runtime_verified, d.schema_compatible, d.verified_at`;

/** `queryDecisions`: one page, newest first, continued with `nextCursor`. */
export async function queryDecisionPage(
  db: SqlExecutor,
  tables: AuditTables,
  filter: unknown,
): Promise<DecisionPage> {
  const params = new SqlParams();
  const where = decisionWhere(filter, params);
  const limit = params.add(where.limit + 1);
  const result = await db.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM ${tables.decisionTimeline} d
     ${whereSql(where.clauses)} ORDER BY d.id DESC LIMIT ${limit}`,
    params.values,
  );
  const rows = result.rows.slice(0, where.limit);
  const last = rows[rows.length - 1];
  return result.rows.length > where.limit && last !== undefined
    ? { rows, nextCursor: cursorAfter(last.id) }
    : { rows };
}

/** `getDecisionTimeline(limit, filters)`: newest executed_at first. */
export async function decisionTimeline(
  db: SqlExecutor,
  tables: AuditTables,
  limit: unknown,
  filters: unknown,
): Promise<DecisionRow[]> {
  const params = new SqlParams();
  const where = timelineWhere(limit, filters, params);
  const result = await db.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM ${tables.decisionTimeline} d
     ${whereSql(where.clauses)} ORDER BY d.executed_at DESC, d.id DESC LIMIT ${params.add(where.limit)}`,
    params.values,
  );
  return result.rows;
}

/** `getDecisionById`. */
export async function decisionById(
  db: SqlExecutor,
  tables: AuditTables,
  executionId: unknown,
): Promise<DecisionRow | null> {
  const id = executionIdArgument(executionId);
  const result = await db.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM ${tables.decisionTimeline} d WHERE d.execution_id = $1`,
    [id],
  );
  return result.rows[0] ?? null;
}

/** `getVerificationsByExecution`: newest first. */
export async function verificationsByExecution(
  db: SqlExecutor,
  tables: AuditTables,
  executionId: unknown,
): Promise<VerificationRow[]> {
  const id = executionIdArgument(executionId);
  const result = await db.query<VerificationRow>(
    `SELECT id::text AS id, execution_id, execution_fingerprint, valid, signature_verified,
       runtime_verified, schema_compatible, governed, errors, verified_at
     FROM ${tables.verifications} WHERE execution_id = $1 ORDER BY verified_at DESC, id DESC`,
    [id],
  );
  return result.rows;
}

/** `getSecurityDashboard`: the dashboard view, most recent first. */
export async function securityDashboard(
  db: SqlExecutor,
  tables: AuditTables,
): Promise<SecurityDashboardRow[]> {
  const result = await db.query<SecurityDashboardRow>(
    `SELECT event_type, severity, event_count::text AS event_count, first_occurred_at, last_occurred_at
     FROM ${tables.securityDashboard} ORDER BY last_occurred_at DESC, event_type, severity`,
  );
  return result.rows;
}

/** `getStats`: counts as strings, as pg returns BIGINT. */
export async function auditStats(
  db: SqlExecutor,
  tables: AuditTables,
  background: BackgroundWriteStats,
): Promise<AuditStats> {
  const result = await db.query<Omit<AuditStats, "background">>(
    `SELECT
       (SELECT count(*) FROM ${tables.decisions})::text AS total_decisions,
       (SELECT count(*) FROM ${tables.decisions}
          WHERE executed_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')::text AS decisions_today,
       (SELECT count(*) FROM ${tables.verifications})::text AS total_verifications,
       (SELECT count(*) FROM ${tables.verifications} WHERE valid)::text AS valid_verifications,
       (SELECT count(*) FROM ${tables.verifications} WHERE NOT valid)::text AS invalid_verifications,
       (SELECT count(*) FROM ${tables.securityEvents})::text AS total_security_events,
       (SELECT count(*) FROM ${tables.apiAccess})::text AS total_api_calls`,
  );
  const row = result.rows[0];
  if (row === undefined) throw new StoreError("STORE-058", "the statistics query returned no row");
  return { ...row, background };
}

/** Checks an executionId argument. */
export function executionIdArgument(value: unknown): string {
  if (
    typeof value !== "string" ||
    value.length === 0 ||
    value.length > 1024 ||
    value.includes("\u0000")
  ) {
    throw new StoreError(
      "STORE-056",
      "executionId must be a non-empty string of at most 1024 characters without NUL",
    );
  }
  return value;
}

function whereSql(clauses: readonly string[]): string {
  return clauses.length === 0 ? "" : `WHERE ${clauses.join(" AND ")}`;
}
