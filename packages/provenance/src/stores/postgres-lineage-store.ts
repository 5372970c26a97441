import { ProvenanceError, canonicalize } from "@parmanasystems/core";
import {
  describeKind,
  isNonEmptyString,
  isPlainRecord,
  messageOf,
  ownValue,
} from "../internal/lifecycle-guards.js";
import { inspectLineageEvent } from "../lineage/inspect-lineage-event.js";
import type { LineageEvent } from "../lineage/lineage.types.js";
import type { PostgresQueryable, PostgresStoreOptions } from "./postgres-client.types.js";
import { readStoreOptions, requireClientMethods, requireTableName } from "./store-options.js";
import type { LineagePersistenceStore } from "./store.types.js";

/** Default table of {@link PostgresLineageStore}. */
export const DEFAULT_LINEAGE_TABLE = "governance_lineage";

// Postgres SQLSTATE for a unique constraint violation.
const UNIQUE_VIOLATION = "23505";

/**
 * Append-only lineage persistence in PostgreSQL. It only ever sends
 * `CREATE TABLE IF NOT EXISTS`, `CREATE INDEX IF NOT EXISTS` (from
 * {@link PostgresLineageStore.ensureSchema}), `INSERT` and `SELECT` — never `UPDATE` or `DELETE`.
 * `lineage_hash` is `UNIQUE`, so an event cannot be appended twice. Table (created by
 * `ensureSchema`):
 *
 * ```sql
 * CREATE TABLE governance_lineage (
 *   id           BIGSERIAL PRIMARY KEY,
 *   execution_id TEXT NOT NULL,
 *   lineage_hash TEXT NOT NULL UNIQUE,
 *   event_json   JSONB NOT NULL,
 *   created_at   TIMESTAMPTZ NOT NULL DEFAULT NOW()
 * );
 * ```
 *
 * Each event must carry `metadata.executionId` (it fills `execution_id`) and verify on its own
 * (`lineageHash` recomputes). Chain continuity across events is not enforced at insert time
 * (concurrent writers would race); check what you read with `verifyPersistedLineage`, which
 * detects forks, gaps and reordering. Revoke UPDATE and DELETE on the table from the
 * application role to make append-only a database guarantee too.
 *
 * @example
 * ```ts
 * import { Pool } from "pg";
 * const store = new PostgresLineageStore(new Pool({ connectionString: process.env.DATABASE_URL }));
 * await store.ensureSchema();
 * await store.append(event);
 * const { valid } = verifyPersistedLineage(await store.getByExecutionId("loan-42"));
 * ```
 */
export class PostgresLineageStore implements LineagePersistenceStore<LineageEvent> {
  /** The table this store writes. */
  readonly tableName: string;
  readonly #pool: PostgresQueryable;

  /**
   * @param pool - a pg Pool or Client (any {@link PostgresQueryable})
   * @param options - `tableName` (default `"governance_lineage"`)
   * @throws ProvenanceError `PROV-021` when the pool lacks `query` or the table name is unsafe
   */
  constructor(pool: PostgresQueryable, options: PostgresStoreOptions = {}) {
    requireClientMethods(pool, ["query"], "PostgresLineageStore", "pool");
    const { record } = readStoreOptions(options, "PostgresLineageStore");
    this.tableName = requireTableName(
      ownValue(record, "tableName"),
      DEFAULT_LINEAGE_TABLE,
      "PostgresLineageStore",
    );
    this.#pool = pool;
  }

  /**
   * Creates the table and its `(execution_id, id)` index when absent. Call once at startup or
   * from a migration.
   *
   * @throws ProvenanceError `PROV-032` when Postgres fails: `retryable: true` for a passing
   *   condition (connection, timeout), `retryable: false` when Postgres refuses the row itself
   *   (a NUL character JSONB cannot store, SQLSTATE class 22, and other permanent classes)
   */
  async ensureSchema(): Promise<void> {
    await this.#run(
      `CREATE TABLE IF NOT EXISTS ${this.tableName} (
  id           BIGSERIAL PRIMARY KEY,
  execution_id TEXT NOT NULL,
  lineage_hash TEXT NOT NULL UNIQUE,
  event_json   JSONB NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT NOW()
)`,
      [],
      "ensureSchema",
    );
    await this.#run(
      `CREATE INDEX IF NOT EXISTS ${this.tableName}_execution_id_idx ON ${this.tableName} (execution_id, id)`,
      [],
      "ensureSchema",
    );
  }

  /**
   * Appends one event (INSERT only).
   *
   * @param event - a lineage event with `metadata.executionId`
   * @throws ProvenanceError `PROV-030` when the event is malformed, tampered or lacks
   *   `metadata.executionId` (nothing is written); `PROV-031` when an event with the same
   *   `lineageHash` is already stored; `PROV-032` (retryable) when Postgres fails
   */
  async append(event: LineageEvent): Promise<void> {
    const inspection = inspectLineageEvent(event);
    if (inspection.problems.length > 0 || inspection.event === undefined) {
      throw new ProvenanceError(
        "PROV-030",
        `PostgresLineageStore.append: event refused: ${inspection.problems.join("; ")}`,
        {
          details: { problems: inspection.problems },
        },
      );
    }
    const metadata = inspection.event.metadata;
    const executionId = metadata === undefined ? undefined : ownValue(metadata, "executionId");
    if (!isNonEmptyString(executionId)) {
      throw new ProvenanceError(
        "PROV-030",
        "PostgresLineageStore.append: event refused: metadata.executionId is required to persist it",
      );
    }
    try {
      await this.#pool.query(
        `INSERT INTO ${this.tableName} (execution_id, lineage_hash, event_json) VALUES ($1, $2, $3::jsonb)`,
        [executionId, inspection.event.lineageHash, canonicalize(inspection.event)],
      );
    } catch (cause) {
      if (isPlainRecordLike(cause) && ownValue(cause, "code") === UNIQUE_VIOLATION) {
        throw new ProvenanceError(
          "PROV-031",
          `PostgresLineageStore.append: lineage event ${inspection.event.lineageHash} is already stored; the lineage is append-only`,
          { cause, details: { lineageHash: inspection.event.lineageHash } },
        );
      }
      throw unavailable("append", cause);
    }
  }

  /**
   * @param executionId - the execution
   * @returns its events in insertion order (unverified: check with `verifyPersistedLineage`)
   * @throws ProvenanceError `PROV-030` for an empty executionId; `PROV-032` when Postgres fails or a row is unreadable
   */
  async getByExecutionId(executionId: string): Promise<LineageEvent[]> {
    if (!isNonEmptyString(executionId)) {
      throw new ProvenanceError(
        "PROV-030",
        `PostgresLineageStore.getByExecutionId: executionId must be a non-empty string, got ${describeKind(executionId)}`,
      );
    }
    const result = await this.#run(
      `SELECT event_json FROM ${this.tableName} WHERE execution_id = $1 ORDER BY id`,
      [executionId],
      "getByExecutionId",
    );
    return result.rows.map(readEventRow);
  }

  /**
   * @returns every stored event in insertion order
   * @throws ProvenanceError `PROV-032` when Postgres fails or a row is unreadable
   */
  async getAll(): Promise<LineageEvent[]> {
    const result = await this.#run(
      `SELECT event_json FROM ${this.tableName} ORDER BY id`,
      [],
      "getAll",
    );
    return result.rows.map(readEventRow);
  }

  async #run(text: string, params: unknown[], method: string): Promise<{ rows: unknown[] }> {
    let result: unknown;
    try {
      result = await this.#pool.query(text, params);
    } catch (cause) {
      throw unavailable(method, cause);
    }
    const rows = isPlainRecordLike(result) ? ownValue(result, "rows") : undefined;
    if (!Array.isArray(rows))
      throw unavailable(method, new Error("the query result has no rows array"));
    return { rows };
  }
}

function readEventRow(row: unknown): LineageEvent {
  const json = isPlainRecord(row) ? ownValue(row, "event_json") : undefined;
  let event: unknown = json;
  if (typeof json === "string") {
    try {
      event = JSON.parse(json);
    } catch (cause) {
      throw unavailable("read", cause, false);
    }
  }
  if (!isPlainRecord(event))
    throw unavailable("read", new Error("a row's event_json is not a JSON object"), false);
  return event as unknown as LineageEvent;
}

function isPlainRecordLike(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

// SQLSTATE classes that say the request itself is wrong, so repeating it fails the same way:
// 0A feature not supported, 21 cardinality, 22 data exception (22P05: a NUL character, which
// JSONB cannot store), 23 integrity constraint, 2B/2F, 42 syntax or access rule, 44 check option.
const PERMANENT_SQLSTATE_CLASSES: ReadonlySet<string> = new Set([
  "0A",
  "21",
  "22",
  "23",
  "2B",
  "2F",
  "42",
  "44",
]);

/** True when Postgres refused the statement for what it is, not for a passing condition. */
function isPermanentFailure(cause: unknown): boolean {
  const code = isPlainRecordLike(cause) ? ownValue(cause, "code") : undefined;
  return (
    typeof code === "string" &&
    /^[0-9A-Z]{5}$/.test(code) &&
    PERMANENT_SQLSTATE_CLASSES.has(code.slice(0, 2))
  );
}

function unavailable(
  method: string,
  cause: unknown,
  retryable = !isPermanentFailure(cause),
): ProvenanceError {
  return new ProvenanceError(
    "PROV-032",
    `PostgresLineageStore.${method}: Postgres failed: ${messageOf(cause)}`,
    {
      cause,
      retryable,
    },
  );
}
