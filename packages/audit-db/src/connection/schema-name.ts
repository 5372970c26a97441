import { StoreError } from "@parmanasystems/core";

// A plain lowercase identifier: it is quoted anyway, and keeping it simple keeps it portable.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Fully qualified names of the audit objects in one schema, ready to place in SQL text. */
export interface AuditTables {
  readonly schema: string;
  /** The quoted schema, e.g. `"public"`. */
  readonly quotedSchema: string;
  readonly decisions: string;
  readonly overrides: string;
  readonly overrideClaims: string;
  readonly verifications: string;
  readonly securityEvents: string;
  readonly apiAccess: string;
  readonly replayKeys: string;
  readonly migrations: string;
  readonly decisionTimeline: string;
  readonly securityDashboard: string;
}

/**
 * Table names for a schema. The schema name is the only identifier ever placed in SQL text, so
 * it is checked against a strict pattern and quoted; every value travels as a parameter.
 *
 * @throws StoreError `STORE-001` when the name is not a lowercase identifier
 */
export function auditTables(schema: unknown): AuditTables {
  if (typeof schema !== "string" || !SCHEMA_NAME.test(schema)) {
    throw new StoreError(
      "STORE-001",
      `option schema must be a lowercase identifier (letters, digits, _; at most 63), got ${typeof schema === "string" ? JSON.stringify(schema.slice(0, 80)) : typeof schema}`,
      { details: { option: "schema" } },
    );
  }
  const q = `"${schema}"`;
  return Object.freeze({
    schema,
    quotedSchema: q,
    decisions: `${q}.audit_decisions`,
    overrides: `${q}.audit_overrides`,
    overrideClaims: `${q}.audit_override_claims`,
    verifications: `${q}.audit_verifications`,
    securityEvents: `${q}.audit_security_events`,
    apiAccess: `${q}.audit_api_access`,
    replayKeys: `${q}.audit_replay_keys`,
    migrations: `${q}.audit_schema_migrations`,
    decisionTimeline: `${q}.audit_decision_timeline`,
    securityDashboard: `${q}.audit_security_dashboard`,
  });
}
