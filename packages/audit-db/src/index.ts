// ── Audit database ──
export { AuditDb, runMigrations } from "./audit-db.js";
export type {
  AuditDbClient,
  AuditDbTarget,
  AuditDbOptions,
  BackgroundWriteInfo,
  BackgroundWriteStats,
  RecordDecisionResult,
  RecordDecisionOptions,
  DecisionToRecord,
  VerificationToRecord,
  SecurityEventType,
  SecuritySeverity,
  SecurityEventInput,
  ApiAccessInput,
  CheckState,
  DecisionRow,
  VerificationRow,
  SecurityDashboardRow,
  AuditStats,
  TimelineFilters,
  DecisionQuery,
  DecisionPage,
} from "./audit-db.types.js";
export type { MigrationResult } from "./migrations/run-migrations.js";
export type { PgPoolLike, PgPoolClientLike } from "./connection/driver.types.js";

// ── Re-verification ──
export type { VerifyAllOptions, VerifyAllResult, VerifyAllFailure } from "./verify/verify-all.js";

// ── Stores for executeFromSignals and overrides ──
export { PostgresReplayStore } from "./stores/postgres-replay-store.js";
export type { PostgresReplayStoreOptions } from "./stores/postgres-replay-store.js";
export { PostgresPendingOverrideStore } from "./stores/postgres-pending-override-store.js";
export type { PostgresPendingOverrideStoreOptions } from "./stores/postgres-pending-override-store.js";
export type { PostgresStoreConnectionOptions } from "./stores/store-connection.js";

// ── Transparency log ──
export { AuditLog } from "./log/audit-log.js";
export type { AuditLogOptions, PublishedCheckpoint } from "./log/audit-log.types.js";
