import type { PGlite } from "@electric-sql/pglite";
import type { Condition, ExecutionAttestation } from "@parmanasystems/core";
import type { PgPoolLike } from "./connection/driver.types.js";

/** A connection the caller owns and closes: a `pg.Pool` or a PGlite instance. */
export type AuditDbClient = PgPoolLike | PGlite;

/** What `new AuditDb(...)` accepts first. */
export type AuditDbTarget =
  | string
  | AuditDbClient
  | ({ readonly connectionString?: string; readonly client?: AuditDbClient } & AuditDbOptions);

/** Options of {@link AuditDb}; every member is optional. */
export interface AuditDbOptions {
  /**
   * Schema holding the audit tables. Default `"public"`. A lowercase identifier; give each
   * application (or test run) its own to keep them apart.
   */
  readonly schema?: string;
  /** Folder of the embedded database when no connection is given. Default `./.parmana/audit-db`. */
  readonly dataDir?: string;
  /**
   * Run migrations on first use. Default true. Set false when the application role may only
   * INSERT and SELECT; run `parmana audit migrate` (or `migrate()`) as the owner instead.
   */
  readonly autoMigrate?: boolean;
  /**
   * Queue writes and return at once instead of awaiting each one. Default false: a record call
   * that returned is on disk. In background mode, call `flush()` before shutdown.
   */
  readonly background?: boolean;
  /** Most writes queued in background mode; a write beyond it is dropped and reported. Default 10,000. */
  readonly maxQueueSize?: number;
  /** Called for every background write that failed or was dropped (`STORE-057` with the cause). */
  readonly onWriteError?: (error: Error, write: BackgroundWriteInfo) => void;
  /** Largest record accepted, in bytes of JSON. Default 1 MiB. */
  readonly maxRecordBytes?: number;
  /** Connection and statement deadline for pools the audit database creates. Default 30,000 ms. */
  readonly operationTimeoutMs?: number;
}

/** Which background write failed. */
export interface BackgroundWriteInfo {
  readonly kind: "decision" | "verification" | "security_event" | "api_access" | "override";
  /** The decision's executionId, when the write concerns one. */
  readonly executionId?: string;
}

/** Counters of the background writer (all zero in awaited mode). */
export interface BackgroundWriteStats {
  /** Writes waiting in the queue now. */
  readonly queued: number;
  /** Writes stored since the AuditDb was created. */
  readonly written: number;
  /** Writes the database refused or could not take; each was reported to onWriteError. */
  readonly failed: number;
  /** Writes refused because the queue was full; each was reported to onWriteError. */
  readonly dropped: number;
}

/** Result of `recordDecision`. */
export interface RecordDecisionResult {
  readonly executionId: string;
  /**
   * `"recorded"` new row; `"duplicate"` the same attestation was already stored; `"queued"`
   * accepted by the background writer; `"dropped"` refused by a full background queue (reported).
   */
  readonly status: "recorded" | "duplicate" | "queued" | "dropped";
  /** The row id (bigserial as a string) once stored. */
  readonly id?: string;
}

/** Options of `recordDecision`. */
export interface RecordDecisionOptions {
  /**
   * The decided signals (plain or governed); checked against `signalsHash` and stored for
   * queries. Typed `object`, as `ExecuteInput.signals` is, so `input.signals` passes as it is.
   */
  readonly signals?: object;
}

/** One item of `recordDecisions`. */
export interface DecisionToRecord {
  readonly attestation: ExecutionAttestation;
  /** As {@link RecordDecisionOptions.signals}. */
  readonly signals?: object;
}

/** The verification result `recordVerification` stores (what `verifyAttestation` returns). */
export interface VerificationToRecord {
  readonly valid: boolean;
  readonly checks?: {
    readonly signature_verified?: boolean;
    readonly runtime_verified?: boolean;
    readonly schema_compatible?: boolean;
    readonly governed?: boolean;
  };
  readonly errors?: readonly string[];
}

/** Security event types with their documented severities. */
export type SecurityEventType =
  | "replay_attempt"
  | "signature_failure"
  | "invalid_policy"
  | "rate_limit_exceeded"
  | "unauthorized_access";

/** Severity of a security event. */
export type SecuritySeverity = "low" | "medium" | "high" | "critical";

/** Input of `recordSecurityEvent`. */
export interface SecurityEventInput {
  /** One of the documented types, or your own (then `severity` is required). */
  readonly event_type: SecurityEventType | (string & {});
  /** Default: the documented severity of the type. */
  readonly severity?: SecuritySeverity;
  readonly ip_address?: string;
  readonly path?: string;
  readonly method?: string;
  readonly user_agent?: string;
  readonly execution_id?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Input of `recordApiAccess`. */
export interface ApiAccessInput {
  readonly method: string;
  readonly path: string;
  readonly status_code: number;
  readonly response_time_ms: number;
  readonly ip_address?: string;
  readonly user_agent?: string;
  readonly execution_id?: string;
}

/** Verification check state in the timeline columns. */
export type CheckState = "verified" | "failed" | "unknown";

/** A decision row with its latest verification (the `audit_decision_timeline` view). */
export interface DecisionRow {
  /** bigserial, as a string (as pg returns BIGINT). */
  readonly id: string;
  readonly execution_id: string;
  readonly execution_fingerprint: string;
  readonly policy_id: string;
  readonly policy_version: string;
  readonly schema_version: string;
  readonly runtime_version: string;
  readonly runtime_hash: string;
  readonly decision: string;
  readonly requires_override: boolean;
  readonly execution_state: "completed" | "pending_override";
  readonly signals_hash: string;
  readonly bundle_hash: string;
  readonly signer_key_id: string;
  readonly signature: string;
  readonly attestation: ExecutionAttestation;
  readonly signals: Readonly<Record<string, unknown>> | null;
  readonly executed_at: Date;
  readonly recorded_at: Date;
  readonly verification_valid: boolean | null;
  readonly signature_verified: CheckState;
  readonly runtime_verified: CheckState;
  readonly schema_compatible: CheckState;
  readonly verified_at: Date | null;
}

/** One row of `audit_verifications`. */
export interface VerificationRow {
  readonly id: string;
  readonly execution_id: string;
  readonly execution_fingerprint: string | null;
  readonly valid: boolean;
  readonly signature_verified: CheckState;
  readonly runtime_verified: CheckState;
  readonly schema_compatible: CheckState;
  readonly governed: CheckState;
  readonly errors: readonly string[];
  readonly verified_at: Date;
}

/** One row of the security dashboard. */
export interface SecurityDashboardRow {
  readonly event_type: string;
  readonly severity: SecuritySeverity;
  /** As a string (BIGINT). */
  readonly event_count: string;
  readonly first_occurred_at: Date;
  readonly last_occurred_at: Date;
}

/** Statistics; counts are strings, as pg returns BIGINT. */
export interface AuditStats {
  readonly total_decisions: string;
  /** Decisions whose executed_at falls on the current UTC day. */
  readonly decisions_today: string;
  readonly total_verifications: string;
  readonly valid_verifications: string;
  readonly invalid_verifications: string;
  readonly total_security_events: string;
  readonly total_api_calls: string;
  /** This instance's background writer (zeros in awaited mode). */
  readonly background: BackgroundWriteStats;
}

/** Filters of `getDecisionTimeline` (the documented names). */
export interface TimelineFilters {
  readonly policy_id?: string;
  readonly decision?: string;
  readonly from_date?: Date | string;
  readonly to_date?: Date | string;
}

/** Filter of `queryDecisions` and `exportDecisions`; every member is optional. */
export interface DecisionQuery {
  readonly policyId?: string;
  readonly policyVersion?: string;
  /** Action, or several actions (any of them). */
  readonly decision?: string | readonly string[];
  readonly executionState?: "completed" | "pending_override";
  /** executed_at at or after this time. */
  readonly from?: Date | string;
  /** executed_at strictly before this time. */
  readonly to?: Date | string;
  /** A policy condition over the stored signals, e.g. `{ all: [{ signal: "claim_amount", greater_than: 500000 }] }`. */
  readonly signals?: Condition;
  /** Rows per page, 1 to 1,000. Default 100. */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One page of `queryDecisions`: newest first (descending id). */
export interface DecisionPage {
  readonly rows: readonly DecisionRow[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}
