import { StoreError, type ExecutionAttestation, type OverrideRecord } from "@parmanasystems/core";
import type { Readable } from "node:stream";
import type {
  ApiAccessInput,
  AuditDbOptions,
  AuditDbTarget,
  AuditStats,
  BackgroundWriteInfo,
  BackgroundWriteStats,
  DecisionPage,
  DecisionQuery,
  DecisionRow,
  DecisionToRecord,
  RecordDecisionOptions,
  RecordDecisionResult,
  SecurityDashboardRow,
  SecurityEventInput,
  TimelineFilters,
  VerificationRow,
  VerificationToRecord,
} from "./audit-db.types.js";
import { AuditConnection } from "./connection/audit-connection.js";
import type { SqlDriver, SqlExecutor } from "./connection/driver.types.js";
import { isPlainRecord } from "@parmanasystems/core/internal";
import { planConnection } from "./connection/open-connection.js";
import { auditTables } from "./connection/schema-name.js";
import { databaseError } from "./errors/database-errors.js";
import { exportDecisionStream } from "./export/export-decisions.js";
import { scanFilter } from "./export/scan-decisions.js";
import type { MigrationResult } from "./migrations/run-migrations.js";
import { decisionWhere } from "./query/decision-filter.js";
import {
  auditStats,
  decisionById,
  decisionTimeline,
  queryDecisionPage,
  securityDashboard,
  verificationsByExecution,
} from "./query/decision-queries.js";
import { SqlParams } from "./query/sql-params.js";
import { BackgroundWriter } from "./record/background-writer.js";
import { checkDecision, type CheckedDecision } from "./record/check-attestation.js";
import { checkApiAccess, checkSecurityEvent, checkVerification } from "./record/check-records.js";
import { insertDecisionRows } from "./record/insert-decision-rows.js";
import { checkOverride, insertOverrideResolution } from "./record/override-rows.js";
import { DEFAULT_MAX_RECORD_BYTES } from "./record/storable-values.js";
import {
  verifyAllDecisions,
  type VerifyAllOptions,
  type VerifyAllResult,
} from "./verify/verify-all.js";

const OPTION_NAMES = new Set([
  "connectionString",
  "client",
  "schema",
  "dataDir",
  "autoMigrate",
  "background",
  "maxQueueSize",
  "onWriteError",
  "maxRecordBytes",
  "operationTimeoutMs",
]);
const MAX_BATCH = 10_000;

// Each AuditDb's connection, for the Postgres stores built on it; kept off the public surface.
const CONNECTIONS = new WeakMap<AuditDb, AuditConnection>();

/**
 * The connection of an AuditDb, shared by the stores built on it (package-internal).
 *
 * @param db - an AuditDb, or anything else
 * @returns the connection, or undefined for anything that is not an AuditDb
 */
export function auditDbConnection(db: unknown): AuditConnection | undefined {
  return typeof db === "object" && db !== null ? CONNECTIONS.get(db as AuditDb) : undefined;
}

/**
 * The append-only audit trail of decisions, overrides, verifications, security events and API
 * access, in Postgres (a server through `pg`, or the embedded PGlite by default). Migrations run
 * on first use. Writes are awaited by default; `background: true` queues them (bounded) and
 * reports every failed or dropped write.
 *
 * @example
 * ```ts
 * const db = new AuditDb(process.env.DATABASE_URL); // or new AuditDb() for ./.parmana/audit-db
 * await db.recordDecision(attestation, { signals });
 * const page = await db.queryDecisions({
 *   decision: "reject",
 *   signals: { all: [{ signal: "claim_amount", greater_than: 500000 }] },
 * });
 * const report = await db.verifyAll({ verifier: new LocalVerifier(publicKeyPem) });
 * await db.close();
 * ```
 */
export class AuditDb {
  readonly #connection: AuditConnection;
  readonly #maxRecordBytes: number;
  readonly #writer: BackgroundWriter | undefined;

  /**
   * @param target - a Postgres URL, `":memory:"`, a `pg.Pool`, a PGlite instance, an options
   *   object (`{ connectionString }` or `{ client }`), or nothing for the embedded database in
   *   `./.parmana/audit-db`
   * @param options - see {@link AuditDbOptions}
   * @throws StoreError `STORE-001` for an unknown option, a value of the wrong type or a client of the wrong kind
   */
  constructor(target?: AuditDbTarget, options: AuditDbOptions = {}) {
    let merged: Record<string, unknown> = { ...readOptionObject(options, "options") };
    let connectionTarget: unknown = target;
    if (isPlainRecord(target)) {
      const given = readOptionObject(target, "the first argument");
      merged = { ...given, ...merged };
      if (given["connectionString"] !== undefined && given["client"] !== undefined)
        throw optionError("give connectionString or client, not both");
      connectionTarget = given["client"] ?? given["connectionString"];
      if (given["connectionString"] !== undefined && typeof given["connectionString"] !== "string")
        throw optionError("connectionString must be a string");
    }
    const unknown = Object.keys(merged).filter((key) => !OPTION_NAMES.has(key));
    if (unknown.length > 0)
      throw optionError(
        `AuditDb has no option ${JSON.stringify(unknown[0])}; known: ${[...OPTION_NAMES].join(", ")}`,
      );
    const o = merged as AuditDbOptions;
    const dataDir = optionalString(o.dataDir, "dataDir");
    const plan = planConnection(connectionTarget, dataDir);
    const tables = auditTables(o.schema ?? "public");
    const autoMigrate = optionalBoolean(o.autoMigrate, "autoMigrate") ?? true;
    const operationTimeoutMs = positiveInteger(o.operationTimeoutMs, "operationTimeoutMs", 30_000);
    this.#maxRecordBytes = positiveInteger(
      o.maxRecordBytes,
      "maxRecordBytes",
      DEFAULT_MAX_RECORD_BYTES,
    );
    this.#connection = new AuditConnection(plan, tables, autoMigrate, operationTimeoutMs);
    CONNECTIONS.set(this, this.#connection);
    if (optionalBoolean(o.background, "background") === true) {
      if (o.onWriteError !== undefined && typeof o.onWriteError !== "function")
        throw optionError("onWriteError must be a function");
      const onWriteError =
        o.onWriteError ??
        ((error: Error) => {
          console.error(`[parmana audit-db] ${error.message}`);
        });
      this.#writer = new BackgroundWriter(
        positiveInteger(o.maxQueueSize, "maxQueueSize", 10_000),
        onWriteError,
      );
    } else if (o.maxQueueSize !== undefined || o.onWriteError !== undefined) {
      throw optionError("maxQueueSize and onWriteError apply only with background: true");
    }
  }

  /** The engine: `"postgres"` for a server, `"pglite"` for the embedded database. */
  get engine(): "postgres" | "pglite" {
    return this.#connection.engine;
  }

  /**
   * Checks that the database answers.
   *
   * @returns true when `SELECT 1` succeeded
   * @throws StoreError `STORE-002` when it cannot be reached, `STORE-005` after close
   */
  async ping(): Promise<boolean> {
    const db = await this.#db();
    try {
      await db.query("SELECT 1");
      return true;
    } catch (error) {
      throw databaseError(error, "ping");
    }
  }

  /**
   * Brings the schema up to date (idempotent; one transaction under an advisory lock).
   *
   * @returns the versions applied and the schema's version
   * @throws StoreError `STORE-050` migration failure, `STORE-002` unreachable
   */
  async migrate(): Promise<MigrationResult> {
    return this.#connection.migrate();
  }

  /**
   * Records a decision, once: the same attestation again is a `"duplicate"`, a different one under
   * the same executionId is refused. The attestation must be well formed; signals, when given,
   * must hash to its signalsHash and are stored for queries.
   *
   * @param attestation - as executeFromSignals returned it
   * @param options - `{ signals }`
   * @returns the row's status and id
   * @throws StoreError `STORE-052` malformed, `STORE-053` signals mismatch, `STORE-055` NUL/too large, `STORE-004` conflict, `STORE-002` unreachable
   */
  async recordDecision(
    attestation: ExecutionAttestation,
    options: RecordDecisionOptions = {},
  ): Promise<RecordDecisionResult> {
    const signals = readRecordOptions(options);
    const checked = checkDecision(attestation, signals, this.#maxRecordBytes);
    const executionId = checked.attestation.executionId;
    if (this.#writer !== undefined) {
      const queued = this.#writer.enqueue({
        info: { kind: "decision", executionId },
        run: () => this.#insertDecisions([checked]).then(() => undefined),
      });
      return { executionId, status: queued ? "queued" : "dropped" };
    }
    const [result] = await this.#insertDecisions([checked]);
    return result ?? { executionId, status: "recorded" };
  }

  /**
   * Records many decisions in one transaction: all or nothing (every item is checked before
   * anything is written; a conflict rolls the batch back).
   *
   * @param decisions - `{ attestation, signals? }` items, at most 10,000
   * @returns one result per item, in order
   * @throws StoreError the codes of recordDecision; `STORE-054` for a malformed list
   */
  async recordDecisions(decisions: readonly DecisionToRecord[]): Promise<RecordDecisionResult[]> {
    if (!Array.isArray(decisions) || decisions.length > MAX_BATCH)
      throw new StoreError(
        "STORE-054",
        `recordDecisions takes an array of at most ${MAX_BATCH} { attestation, signals? } items; nothing was written`,
      );
    const checked = decisions.map((item: unknown, index) => {
      if (typeof item !== "object" || item === null || Array.isArray(item))
        throw new StoreError(
          "STORE-054",
          `recordDecisions item ${index} must be { attestation, signals? }; nothing was written`,
        );
      const { attestation, signals, ...rest } = item as Record<string, unknown>;
      if (Object.keys(rest).length > 0)
        throw new StoreError(
          "STORE-054",
          `recordDecisions item ${index} has unknown member ${JSON.stringify(Object.keys(rest)[0])}; nothing was written`,
        );
      return checkDecision(attestation, signals, this.#maxRecordBytes);
    });
    if (this.#writer !== undefined) {
      const queued = this.#writer.enqueue({
        info: { kind: "decision" },
        run: () => this.#insertDecisions(checked).then(() => undefined),
      });
      return checked.map((c) => ({
        executionId: c.attestation.executionId,
        status: queued ? "queued" : "dropped",
      }));
    }
    return this.#insertDecisions(checked);
  }

  /**
   * Appends a verification of a decision (the result of verifyAttestation). The decision's
   * verification columns in the timeline come from its latest verification.
   *
   * @throws StoreError `STORE-054` malformed result, `STORE-055`, `STORE-002`
   */
  async recordVerification(executionId: string, result: VerificationToRecord): Promise<void> {
    const v = checkVerification(executionId, result, this.#maxRecordBytes);
    await this.#write({ kind: "verification", executionId: v.executionId }, (db) =>
      db.query(
        `INSERT INTO ${this.#tables.verifications} (execution_id, execution_fingerprint, valid,
           signature_verified, runtime_verified, schema_compatible, governed, errors)
         SELECT $1, (SELECT execution_fingerprint FROM ${this.#tables.decisions} WHERE execution_id = $1),
           $2, $3, $4, $5, $6, $7::jsonb`,
        [
          v.executionId,
          v.valid,
          v.checks.signature_verified,
          v.checks.runtime_verified,
          v.checks.schema_compatible,
          v.checks.governed,
          v.errors,
        ],
      ),
    );
  }

  /**
   * Appends a security event. Documented types get their documented severity by default.
   *
   * @throws StoreError `STORE-054`, `STORE-055`, `STORE-002`
   */
  async recordSecurityEvent(event: SecurityEventInput): Promise<void> {
    const e = checkSecurityEvent(event, this.#maxRecordBytes);
    await this.#write(
      {
        kind: "security_event",
        ...(e.execution_id === null ? {} : { executionId: e.execution_id }),
      },
      (db) =>
        db.query(
          `INSERT INTO ${this.#tables.securityEvents} (event_type, severity, ip_address, path, method,
             user_agent, execution_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
          [
            e.event_type,
            e.severity,
            e.ip_address,
            e.path,
            e.method,
            e.user_agent,
            e.execution_id,
            e.details,
          ],
        ),
    );
  }

  /**
   * Appends an API access record.
   *
   * @throws StoreError `STORE-054`, `STORE-055`, `STORE-002`
   */
  async recordApiAccess(access: ApiAccessInput): Promise<void> {
    const a = checkApiAccess(access, this.#maxRecordBytes);
    await this.#write(
      { kind: "api_access", ...(a.execution_id === null ? {} : { executionId: a.execution_id }) },
      (db) =>
        db.query(
          `INSERT INTO ${this.#tables.apiAccess} (method, path, status_code, response_time_ms,
             ip_address, user_agent, execution_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            a.method,
            a.path,
            a.status_code,
            a.response_time_ms,
            a.ip_address,
            a.user_agent,
            a.execution_id,
          ],
        ),
    );
  }

  /**
   * Appends the signed resolution of an override (what approveOverride / rejectOverride
   * returned), once per execution.
   *
   * @param record - the signed override record
   * @param options - `{ signatureType }`, e.g. "ed25519"
   * @throws StoreError `STORE-054`, `STORE-055`, `STORE-004` another resolution already recorded, `STORE-002`
   */
  async recordOverride(
    record: OverrideRecord,
    options: { readonly signatureType?: string } = {},
  ): Promise<void> {
    const checked = checkOverride(record, options?.signatureType, this.#maxRecordBytes);
    await this.#write({ kind: "override", executionId: checked.record.executionId }, (db) =>
      insertOverrideResolution(db, this.#tables, checked),
    );
  }

  /**
   * Waits until every background write queued so far was attempted (a no-op in awaited mode).
   */
  async flush(): Promise<void> {
    await this.#writer?.flush();
  }

  /**
   * The decision with its latest verification, or null.
   *
   * @throws StoreError `STORE-056` bad id, `STORE-002`
   */
  async getDecisionById(executionId: string): Promise<DecisionRow | null> {
    return this.#read("get decision", (db) => decisionById(db, this.#tables, executionId));
  }

  /**
   * Latest decisions first (by executed_at), with the documented filters.
   *
   * @param limit - 1 to 1,000; default 100
   * @throws StoreError `STORE-056` bad filter, `STORE-002`
   */
  async getDecisionTimeline(limit = 100, filters: TimelineFilters = {}): Promise<DecisionRow[]> {
    return this.#read("read the decision timeline", (db) =>
      decisionTimeline(db, this.#tables, limit, filters),
    );
  }

  /**
   * Every verification of a decision, newest first.
   *
   * @throws StoreError `STORE-056`, `STORE-002`
   */
  async getVerificationsByExecution(executionId: string): Promise<VerificationRow[]> {
    return this.#read("read verifications", (db) =>
      verificationsByExecution(db, this.#tables, executionId),
    );
  }

  /** Security events grouped by type and severity. @throws StoreError `STORE-002` */
  async getSecurityDashboard(): Promise<SecurityDashboardRow[]> {
    return this.#read("read the security dashboard", (db) => securityDashboard(db, this.#tables));
  }

  /**
   * Counts (strings, as pg returns BIGINT) and this instance's background-writer counters.
   *
   * @throws StoreError `STORE-002`
   */
  async getStats(): Promise<AuditStats> {
    return this.#read("read statistics", (db) =>
      auditStats(db, this.#tables, this.backgroundStats),
    );
  }

  /** Background-writer counters, synchronously (zeros in awaited mode). */
  get backgroundStats(): BackgroundWriteStats {
    return this.#writer?.stats ?? { queued: 0, written: 0, failed: 0, dropped: 0 };
  }

  /**
   * Decisions matching a filter, newest first, one page at a time (keyset pagination). `signals`
   * is a policy condition over the stored signals, compiled to parameterized SQL.
   *
   * @example
   * ```ts
   * let page = await db.queryDecisions({ decision: "reject", signals: { all: [{ signal: "claim_amount", greater_than: 500000 }] } });
   * while (page.nextCursor) page = await db.queryDecisions({ ...filter, cursor: page.nextCursor });
   * ```
   * @throws StoreError `STORE-056` invalid filter or condition, `STORE-002`
   */
  async queryDecisions(filter: DecisionQuery = {}): Promise<DecisionPage> {
    return this.#read("query decisions", (db) => queryDecisionPage(db, this.#tables, filter));
  }

  /**
   * The stored attestations matching `filter` as an NDJSON stream (one canonical attestation per
   * line, recording order), for `parmana verify attestation`.
   *
   * @throws StoreError `STORE-056` invalid filter (at once); database failures are emitted on the stream
   */
  exportDecisions(filter: Omit<DecisionQuery, "limit" | "cursor"> = {}): Readable {
    decisionWhere(scanFilter(filter), new SqlParams());
    return exportDecisionStream(() => this.#db(), this.#tables, filter);
  }

  /**
   * Re-verifies every stored decision (streamed page by page, bounded memory) and lists the rows
   * that no longer verify: bad signature, malformed record, stored signals that do not hash to
   * signalsHash, or a column that differs from the signed attestation.
   *
   * @throws StoreError `STORE-001` bad options, `STORE-056` bad filter, `STORE-002`
   */
  async verifyAll(options: VerifyAllOptions): Promise<VerifyAllResult> {
    return this.#read("verify all decisions", (db) =>
      verifyAllDecisions(db, this.#tables, options),
    );
  }

  /**
   * Flushes background writes, then closes the connection if the AuditDb opened it (a pool or
   * PGlite passed in stays open). Later calls fail with `STORE-005`.
   */
  async close(): Promise<void> {
    await this.flush();
    await this.#connection.close();
  }

  get #tables() {
    return this.#connection.tables;
  }

  async #db(): Promise<SqlDriver> {
    return this.#connection.driver();
  }

  async #insertDecisions(checked: readonly CheckedDecision[]): Promise<RecordDecisionResult[]> {
    const db = await this.#db();
    try {
      return await db.transaction((tx) => insertDecisionRows(tx, this.#tables, checked));
    } catch (error) {
      throw databaseError(
        error,
        checked.length === 1
          ? `record decision ${checked[0]?.attestation.executionId ?? ""}`
          : `record ${checked.length} decisions`,
      );
    }
  }

  async #write(
    info: BackgroundWriteInfo,
    run: (db: SqlExecutor) => Promise<unknown>,
  ): Promise<void> {
    const attempt = async (): Promise<void> => {
      const db = await this.#db();
      try {
        await run(db);
      } catch (error) {
        throw databaseError(error, `record ${info.kind.replace("_", " ")}`);
      }
    };
    if (this.#writer !== undefined) {
      this.#writer.enqueue({ info, run: attempt });
      return;
    }
    await attempt();
  }

  async #read<T>(operation: string, run: (db: SqlExecutor) => Promise<T>): Promise<T> {
    const db = await this.#db();
    try {
      return await run(db);
    } catch (error) {
      throw databaseError(error, operation);
    }
  }
}

/**
 * Runs the migrations against a database and closes the connection it opened.
 *
 * @param target - a Postgres URL, a pool, a PGlite instance, or nothing for the embedded database
 * @param options - `schema`, `dataDir`
 * @returns the versions applied and the schema's version
 * @throws StoreError `STORE-050`, `STORE-002`, `STORE-001`
 * @example
 * ```ts
 * await runMigrations(process.env.DATABASE_URL);
 * ```
 */
export async function runMigrations(
  target?: AuditDbTarget,
  options: Pick<AuditDbOptions, "schema" | "dataDir" | "operationTimeoutMs"> = {},
): Promise<MigrationResult> {
  const db = new AuditDb(target, { ...options, autoMigrate: false });
  try {
    return await db.migrate();
  } finally {
    await db.close();
  }
}

function readRecordOptions(options: unknown): unknown {
  if (options === undefined) return undefined;
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw new StoreError(
      "STORE-054",
      "recordDecision options must be an object { signals? }; nothing was written",
    );
  const unknown = Object.keys(options).filter((key) => key !== "signals");
  if (unknown.length > 0)
    throw new StoreError(
      "STORE-054",
      `recordDecision has no option ${JSON.stringify(unknown[0])} (only signals); nothing was written`,
    );
  return (options as { signals?: unknown }).signals;
}

function readOptionObject(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw optionError(`${what} must be an options object`);
  return value as Record<string, unknown>;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length === 0)
    throw optionError(`${name} must be a non-empty string`);
  return value;
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw optionError(`${name} must be a boolean`);
  return value;
}

function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1)
    throw optionError(`${name} must be a positive whole number`);
  return value;
}

function optionError(message: string): StoreError {
  return new StoreError("STORE-001", message);
}
