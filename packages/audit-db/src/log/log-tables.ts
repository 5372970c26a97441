import type { AuditTables } from "../connection/schema-name.js";

/** Quoted names of the transparency log's tables in the audit schema (migration 0100). */
export interface LogTables {
  readonly state: string;
  readonly leaves: string;
  readonly nodes: string;
  readonly checkpoints: string;
}

/** The log's table names beside the audit tables of `tables`. */
export function logTables(tables: AuditTables): LogTables {
  const q = tables.quotedSchema;
  return {
    state: `${q}.audit_log_state`,
    leaves: `${q}.audit_log_leaves`,
    nodes: `${q}.audit_log_nodes`,
    checkpoints: `${q}.audit_log_checkpoints`,
  };
}
