import { ProvenanceError, type Clock } from "@parmanasystems/core";
import type { ExecutionAuthority } from "../authority/execution-authority.types.js";
import type {
  AuthorityConsumptionStatus,
  AuthorityConsumptionStore,
  ConsumptionResult,
  ExecutionConsumptionInput,
  ExecutionConsumptionStore,
} from "../consumption/consumption.types.js";
import { isPlainRecord, messageOf, ownValue } from "../internal/lifecycle-guards.js";
import {
  authorityForStatus,
  classifyConsumption,
  readStoreClock,
  requireAuthorityHash,
  requireStoreClock,
  toConsumptionResult,
  type StoredConsumption,
} from "./consumption-call.js";
import type {
  PostgresConsumptionStoreOptions,
  PostgresQueryable,
} from "./postgres-client.types.js";
import { readStoreOptions, requireClientMethods, requireTableName } from "./store-options.js";

/** Default table of {@link PostgresConsumptionStore}. */
export const DEFAULT_CONSUMPTION_TABLE = "governance_authority_consumption";

/**
 * PostgreSQL consumption store: atomic across processes through the primary key (a unique
 * constraint) on `authority_hash` and `INSERT ... ON CONFLICT (authority_hash) DO NOTHING`;
 * the one insert that returns a row consumed the authority. Only INSERT and SELECT are sent.
 * Table (created by {@link PostgresConsumptionStore.ensureSchema}):
 *
 * ```sql
 * CREATE TABLE governance_authority_consumption (
 *   authority_hash    TEXT PRIMARY KEY,
 *   execution_id      TEXT NOT NULL,
 *   consumer_identity TEXT NOT NULL,
 *   consumed_at       TEXT NOT NULL,  -- ISO-8601 UTC, kept verbatim
 *   nonce             TEXT,           -- authority form only
 *   expires_at        TEXT            -- authority form only
 * );
 * ```
 *
 * Fail closed exactly like {@link RedisConsumptionStore}: a failing pool makes `consume`
 * resolve false / `{ consumed: false }`, and `get`/`getStatus` reject with a retryable
 * `PROV-026`. Both store interfaces are implemented, told apart by arity.
 *
 * @example
 * ```ts
 * const store = new PostgresConsumptionStore(new Pool({ connectionString: process.env.DATABASE_URL }));
 * await store.ensureSchema();
 * ```
 */
export class PostgresConsumptionStore
  implements ExecutionConsumptionStore, AuthorityConsumptionStore
{
  /** The table this store writes. */
  readonly tableName: string;
  readonly #pool: PostgresQueryable;
  readonly #clock: Clock | undefined;

  /**
   * @param pool - a pg Pool or Client (any {@link PostgresQueryable})
   * @param options - `tableName` (default `"governance_authority_consumption"`), `clock`
   * @throws ProvenanceError `PROV-021` when the pool lacks `query` or an option is malformed
   */
  constructor(pool: PostgresQueryable, options: PostgresConsumptionStoreOptions = {}) {
    requireClientMethods(pool, ["query"], "PostgresConsumptionStore", "pool");
    const { record, clock } = readStoreOptions(options, "PostgresConsumptionStore");
    this.tableName = requireTableName(
      ownValue(record, "tableName"),
      DEFAULT_CONSUMPTION_TABLE,
      "PostgresConsumptionStore",
    );
    this.#pool = pool;
    this.#clock = clock;
  }

  /**
   * Creates the table when absent.
   *
   * @throws ProvenanceError `PROV-026` (retryable) when Postgres fails
   */
  async ensureSchema(): Promise<void> {
    await this.#query(
      `CREATE TABLE IF NOT EXISTS ${this.tableName} (
  authority_hash    TEXT PRIMARY KEY,
  execution_id      TEXT NOT NULL,
  consumer_identity TEXT NOT NULL,
  consumed_at       TEXT NOT NULL,
  nonce             TEXT,
  expires_at        TEXT
)`,
      [],
      "ensureSchema",
    );
  }

  /** Record form (`ExecutionConsumptionStore`); see {@link InMemoryConsumptionStore.consume}. */
  consume(input: ExecutionConsumptionInput): Promise<ConsumptionResult>;
  /** Authority form (`AuthorityConsumptionStore`): true only for the call that consumed it. */
  consume(authority: ExecutionAuthority, consumerIdentity: string): Promise<boolean>;
  async consume(...args: unknown[]): Promise<ConsumptionResult | boolean> {
    const call = classifyConsumption(args, readStoreClock(this.#clock));
    const record = call.record;
    if (record === undefined) return call.form === "authority" ? false : { consumed: false };
    const inserted = await this.#insertOnce(record);
    if (call.form === "authority") return inserted === true;
    if (inserted === true) return toConsumptionResult(record, true);
    if (inserted === "error") return { consumed: false };
    try {
      const winner = await this.#select(record.authorityHash, "consume");
      return winner === undefined ? { consumed: false } : toConsumptionResult(winner, false);
    } catch {
      return { consumed: false };
    }
  }

  /**
   * @param authorityHash - the consumed authority's hash
   * @returns the record, or null when never consumed
   * @throws ProvenanceError `PROV-033` for a malformed hash; `PROV-026` (retryable) when Postgres fails
   */
  async get(authorityHash: string): Promise<ConsumptionResult | null> {
    const hash = requireAuthorityHash(authorityHash, "PostgresConsumptionStore.get");
    const record = await this.#select(hash, "get");
    return record === undefined ? null : toConsumptionResult(record, true);
  }

  /**
   * @param authority - the authority
   * @returns `"invalid"`, `"consumed"`, `"expired"` or `"available"`
   * @throws ProvenanceError `PROV-026` (retryable) when Postgres fails; `PROV-021` when the clock misbehaves
   */
  async getStatus(authority: ExecutionAuthority): Promise<AuthorityConsumptionStatus> {
    const intact = authorityForStatus(authority);
    if (intact === undefined) return "invalid";
    if ((await this.#select(intact.authority.authorityHash, "getStatus")) !== undefined)
      return "consumed";
    return requireStoreClock(this.#clock, "PostgresConsumptionStore.getStatus") >=
      intact.expiresAtMs
      ? "expired"
      : "available";
  }

  /** true when this insert consumed, false when a row existed, "error" on any failure. */
  async #insertOnce(record: StoredConsumption): Promise<boolean | "error"> {
    try {
      const result = await this.#pool.query(
        `INSERT INTO ${this.tableName} (authority_hash, execution_id, consumer_identity, consumed_at, nonce, expires_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (authority_hash) DO NOTHING
RETURNING authority_hash`,
        [
          record.authorityHash,
          record.executionId,
          record.consumerIdentity,
          record.consumedAt,
          record.nonce ?? null,
          record.expiresAt ?? null,
        ],
      );
      const rows =
        typeof result === "object" && result !== null ? ownValue(result, "rows") : undefined;
      if (!Array.isArray(rows)) return "error";
      return rows.length === 1;
    } catch {
      return "error";
    }
  }

  /** The stored record, or undefined when none; only a real "no row" answer is undefined. */
  async #select(authorityHash: string, method: string): Promise<StoredConsumption | undefined> {
    const result = await this.#query(
      `SELECT authority_hash, execution_id, consumer_identity, consumed_at FROM ${this.tableName} WHERE authority_hash = $1`,
      [authorityHash],
      method,
    );
    const row = result[0];
    if (row === undefined) return undefined;
    const read = (key: string): string => {
      const value = isPlainRecord(row) ? ownValue(row, key) : undefined;
      return typeof value === "string" ? value : "";
    };
    return {
      authorityHash: read("authority_hash"),
      executionId: read("execution_id"),
      consumerIdentity: read("consumer_identity"),
      consumedAt: read("consumed_at"),
    };
  }

  async #query(text: string, params: unknown[], method: string): Promise<unknown[]> {
    let rows: unknown;
    try {
      const result: unknown = await this.#pool.query(text, params);
      rows = typeof result === "object" && result !== null ? ownValue(result, "rows") : undefined;
    } catch (cause) {
      throw unavailable(method, cause);
    }
    if (!Array.isArray(rows))
      throw unavailable(method, new Error("the query result has no rows array"));
    return rows;
  }
}

function unavailable(method: string, cause: unknown): ProvenanceError {
  return new ProvenanceError(
    "PROV-026",
    `PostgresConsumptionStore.${method}: Postgres is unavailable, failing closed: ${messageOf(cause)}`,
    {
      cause,
      retryable: true,
    },
  );
}
