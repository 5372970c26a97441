import { randomUUID } from "node:crypto";
import {
  InvariantError,
  ParmanaError,
  ReplayError,
  StoreError,
  type Clock,
  type ReplayStore,
  type ReservationToken,
} from "@parmanasystems/core";
import { readClockInstant } from "@parmanasystems/core/internal";
import type { AuditDb } from "../audit-db.js";
import type { AuditDbClient } from "../audit-db.types.js";
import type { SqlDriver } from "../connection/driver.types.js";
import {
  CONNECTION_OPTION_NAMES,
  storeConnection,
  storeOptions,
  type PostgresStoreConnectionOptions,
  type StoreConnection,
} from "./store-connection.js";

/** Options of {@link PostgresReplayStore}. */
export interface PostgresReplayStoreOptions extends PostgresStoreConnectionOptions {
  /** How long an unconfirmed reservation holds its key. Default 300,000 ms (5 minutes). */
  readonly reservationTtlMs?: number;
  /**
   * Time source for reservations (a Date or epoch milliseconds); default the database's clock (one
   * clock for every instance).
   */
  readonly clock?: Clock;
}

const OPTIONS = new Set([...CONNECTION_OPTION_NAMES, "reservationTtlMs", "clock"]);

/**
 * A fenced replay store in Postgres (a server or PGlite), in the audit database's
 * `audit_replay_keys` table: a service with Postgres and no Redis gets exactly-once decisions
 * across instances.
 *
 * - `reserve` is one conditional upsert: it takes a free, released or expired key and returns a
 *   fresh token; of N concurrent callers exactly one gets a row back, the others `INV-013`.
 * - `confirm(key, token)` and `release(key, token)` are conditional writes on the token: a
 *   lapsed or stolen reservation cannot confirm (`INV-REPLAY-003`) and cannot free the new
 *   holder's key.
 * - A database failure is `INV-REPLAY-005` (`retryable: true`); nothing is decided.
 *
 * @example
 * ```ts
 * const replayStore = new PostgresReplayStore(process.env.DATABASE_URL);
 * const attestation = await executeFromSignals(input, signer, verifier, replayStore);
 * ```
 */
export class PostgresReplayStore implements ReplayStore {
  readonly #store: StoreConnection;
  readonly #ttlMs: number;
  readonly #clock: Clock | undefined;

  /**
   * @param target - an AuditDb, a Postgres URL, a pg.Pool, a PGlite, or options with `client` / `connectionString`
   * @param options - see {@link PostgresReplayStoreOptions}
   * @throws StoreError `STORE-001` for unknown options or a wrong client
   */
  constructor(
    target: string | AuditDbClient | AuditDb | PostgresReplayStoreOptions,
    options?: PostgresReplayStoreOptions,
  ) {
    const o = storeOptions(target, options, OPTIONS, "PostgresReplayStore");
    this.#store = storeConnection(target, o, "PostgresReplayStore");
    const ttl = o["reservationTtlMs"] ?? 300_000;
    if (typeof ttl !== "number" || !Number.isSafeInteger(ttl) || ttl < 1)
      throw new StoreError(
        "STORE-001",
        "PostgresReplayStore: reservationTtlMs must be a positive whole number",
      );
    if (o["clock"] !== undefined && typeof o["clock"] !== "function")
      throw new StoreError(
        "STORE-001",
        "PostgresReplayStore: clock must be a function returning a Date or epoch milliseconds",
      );
    this.#ttlMs = ttl;
    this.#clock = o["clock"] as Clock | undefined;
  }

  /**
   * Claims `key` for one attempt.
   *
   * @returns the reservation's fencing token
   * @throws ReplayError `INV-013` taken; InvariantError `INV-REPLAY-004` bad key, `INV-REPLAY-005` database failure
   */
  async reserve(key: string): Promise<ReservationToken> {
    checkKey(key);
    const token = randomUUID();
    const rows = await this.#run("reserve", key, (db, t) =>
      db.query<{ token: string }>(
        `INSERT INTO ${t} AS r (key, state, token, expires_at, updated_at)
         VALUES ($1, 'reserved', $2, COALESCE($4::timestamptz, clock_timestamp()) + $3 * interval '1 millisecond',
                 COALESCE($4::timestamptz, clock_timestamp()))
         ON CONFLICT (key) DO UPDATE
           SET state = 'reserved', token = EXCLUDED.token, expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at
           WHERE r.state = 'released'
              OR (r.state = 'reserved' AND r.expires_at <= COALESCE($4::timestamptz, clock_timestamp()))
         RETURNING r.token`,
        [key, token, this.#ttlMs, this.#now()],
      ),
    );
    if (rows.rows[0]?.token !== token)
      throw new ReplayError("INV-013", `Replay detected: ${key}`, { details: { key } });
    return token;
  }

  /**
   * Turns the reservation into a decided key, only while `token` still holds it (any live
   * reservation when no token is given). Confirming an already confirmed key with its token is a
   * no-op.
   *
   * @throws InvariantError `INV-REPLAY-003` lapsed, released or held by another token; `INV-REPLAY-004`; `INV-REPLAY-005`
   */
  async confirm(key: string, token?: ReservationToken): Promise<void> {
    checkKey(key);
    const result = await this.#run("confirm", key, (db, t) =>
      db.query<{ state: string; token: string | null; live: boolean }>(
        `WITH confirmed AS (
           UPDATE ${t} SET state = 'confirmed', expires_at = NULL,
             updated_at = COALESCE($3::timestamptz, clock_timestamp())
           WHERE key = $1 AND state = 'reserved'
             AND expires_at > COALESCE($3::timestamptz, clock_timestamp())
             AND ($2::text IS NULL OR token = $2::text)
           RETURNING state, token)
         SELECT state, token, true AS live FROM confirmed
         UNION ALL
         SELECT state, token, false AS live FROM ${t} WHERE key = $1 AND NOT EXISTS (SELECT 1 FROM confirmed)`,
        [key, token ?? null, this.#now()],
      ),
    );
    const row = result.rows[0];
    if (row?.live === true) return;
    if (row?.state === "confirmed" && (token === undefined || row.token === token)) return;
    const why =
      row === undefined
        ? "it was never reserved"
        : row.state === "released"
          ? "it was released"
          : row.state === "confirmed"
            ? "another attempt confirmed it"
            : token !== undefined && row.token !== token
              ? "another attempt holds it now"
              : "its reservation expired";
    throw new InvariantError("INV-REPLAY-003", `Cannot confirm ${key}: ${why}`, {
      details: { key },
    });
  }

  /**
   * @returns true only once the key is confirmed
   * @throws InvariantError `INV-REPLAY-004`, `INV-REPLAY-005`
   */
  async hasExecuted(key: string): Promise<boolean> {
    checkKey(key);
    const result = await this.#run("read", key, (db, t) =>
      db.query<{ state: string }>(`SELECT state FROM ${t} WHERE key = $1`, [key]),
    );
    return result.rows[0]?.state === "confirmed";
  }

  /**
   * Records `key` as decided whether or not it was reserved (loading history).
   *
   * @throws InvariantError `INV-REPLAY-004`, `INV-REPLAY-005`
   */
  async markExecuted(key: string): Promise<void> {
    checkKey(key);
    await this.#run("mark", key, (db, t) =>
      db.query(
        `INSERT INTO ${t} AS r (key, state, token, expires_at, updated_at)
         VALUES ($1, 'confirmed', NULL, NULL, COALESCE($2::timestamptz, clock_timestamp()))
         ON CONFLICT (key) DO UPDATE SET state = 'confirmed', expires_at = NULL, updated_at = EXCLUDED.updated_at`,
        [key, this.#now()],
      ),
    );
  }

  /**
   * Frees a reservation so a retry can proceed at once; only while `token` still holds it
   * (a no-op otherwise, and for confirmed keys).
   *
   * @throws InvariantError `INV-REPLAY-004`, `INV-REPLAY-005`
   */
  async release(key: string, token?: ReservationToken): Promise<void> {
    checkKey(key);
    await this.#run("release", key, (db, t) =>
      db.query(
        `UPDATE ${t} SET state = 'released', updated_at = COALESCE($3::timestamptz, clock_timestamp())
         WHERE key = $1 AND state = 'reserved' AND ($2::text IS NULL OR token = $2::text)`,
        [key, token ?? null, this.#now()],
      ),
    );
  }

  /** Closes the connection when this store opened it (never an AuditDb's or a caller's client). */
  async close(): Promise<void> {
    if (this.#store.owned) await this.#store.connection.close();
  }

  #now(): string | null {
    if (this.#clock === undefined) return null;
    const now = readClockInstant(this.#clock, "date-or-epoch-ms");
    if (now === undefined)
      throw new InvariantError(
        "INV-REPLAY-005",
        "PostgresReplayStore clock returned an invalid Date or epoch milliseconds",
        { retryable: false },
      );
    return new Date(now).toISOString();
  }

  async #run<T>(
    operation: string,
    key: string,
    body: (db: SqlDriver, table: string) => Promise<T>,
  ): Promise<T> {
    try {
      const db = await this.#store.connection.driver();
      return await body(db, this.#store.connection.tables.replayKeys);
    } catch (error) {
      if (
        ParmanaError.isInstance(error) &&
        (error.code.startsWith("INV-") || error.code === "STORE-005")
      )
        throw error;
      throw new InvariantError(
        "INV-REPLAY-005",
        `the replay store failed to ${operation} ${key}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error, retryable: true, details: { key, operation } },
      );
    }
  }
}

function checkKey(key: unknown): asserts key is string {
  if (typeof key !== "string" || key.length === 0 || key.length > 1024 || key.includes("\u0000")) {
    throw new InvariantError(
      "INV-REPLAY-004",
      "replay key must be a non-empty string of at most 1024 characters without NUL",
    );
  }
}
