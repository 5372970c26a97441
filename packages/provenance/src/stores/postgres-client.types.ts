import type { Clock } from "@parmanasystems/core";
/** The rows part of a query result. */
export interface PostgresQueryResult {
  readonly rows: readonly unknown[];
  readonly rowCount?: number | null;
}

/**
 * The part of a `pg` `Pool` (or `Client`) that the Postgres stores use: one parameterised
 * `query(text, params)`. This package does not depend on pg.
 */
export interface PostgresQueryable {
  query(text: string, params?: unknown[]): Promise<PostgresQueryResult>;
}

/** Options of the Postgres stores. */
export interface PostgresStoreOptions {
  /** Table to use: a lowercase identifier of at most 46 characters. */
  readonly tableName?: string;
}

/** Options of `PostgresConsumptionStore`. */
export interface PostgresConsumptionStoreOptions extends PostgresStoreOptions {
  /** Clock for `consumedAt` and expiry; returns a Date or epoch milliseconds. Defaults to the system clock. */
  readonly clock?: Clock;
}
