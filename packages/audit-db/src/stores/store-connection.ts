import { StoreError } from "@parmanasystems/core";
import { auditDbConnection } from "../audit-db.js";
import type { AuditConnection } from "../connection/audit-connection.js";
import { isPlainRecord } from "@parmanasystems/core/internal";
import { planConnection } from "../connection/open-connection.js";
import { auditTables } from "../connection/schema-name.js";
import { AuditConnection as Connection } from "../connection/audit-connection.js";

/** Options every Postgres store shares. */
export interface PostgresStoreConnectionOptions {
  /** An existing `pg.Pool` or PGlite; the caller owns and closes it. */
  readonly client?: unknown;
  /** A Postgres URL; the store opens a pool and closes it in `close()`. */
  readonly connectionString?: string;
  /** Schema of the audit tables. Default `"public"`. */
  readonly schema?: string;
  /** Run migrations on first use. Default true. */
  readonly autoMigrate?: boolean;
  /** Connection and statement deadline for pools the store creates. Default 30,000 ms. */
  readonly operationTimeoutMs?: number;
}

/** Option names every Postgres store accepts (each store adds its own). */
export const CONNECTION_OPTION_NAMES: readonly string[] = [
  "client",
  "connectionString",
  "schema",
  "autoMigrate",
  "operationTimeoutMs",
];

/** The connection a store uses, and whether the store must close it. */
export interface StoreConnection {
  readonly connection: AuditConnection;
  readonly owned: boolean;
}

/**
 * Reads a store's first argument: an AuditDb (its connection is shared and stays open), a
 * connection string, a pool, a PGlite, or an options object with `client` / `connectionString`.
 *
 * @throws StoreError `STORE-001`
 */
export function storeConnection(
  target: unknown,
  options: Record<string, unknown>,
  storeName: string,
): StoreConnection {
  const shared = auditDbConnection(target);
  if (shared !== undefined) return { connection: shared, owned: false };
  let connectionTarget: unknown = target;
  if (isPlainRecord(target)) {
    const given = target as Record<string, unknown>;
    if (given["client"] !== undefined && given["connectionString"] !== undefined)
      throw new StoreError("STORE-001", `${storeName}: give client or connectionString, not both`);
    connectionTarget = given["client"] ?? given["connectionString"];
    if (connectionTarget === undefined)
      throw new StoreError(
        "STORE-001",
        `${storeName} needs a connection: an AuditDb, a Postgres URL, a pg.Pool or a PGlite (options.client or options.connectionString)`,
      );
  }
  if (connectionTarget === undefined)
    throw new StoreError(
      "STORE-001",
      `${storeName} needs a connection: an AuditDb, a Postgres URL, a pg.Pool or a PGlite`,
    );
  const timeout = options["operationTimeoutMs"] ?? 30_000;
  if (typeof timeout !== "number" || !Number.isSafeInteger(timeout) || timeout < 1)
    throw new StoreError(
      "STORE-001",
      `${storeName}: operationTimeoutMs must be a positive whole number`,
    );
  const autoMigrate = options["autoMigrate"] ?? true;
  if (typeof autoMigrate !== "boolean")
    throw new StoreError("STORE-001", `${storeName}: autoMigrate must be a boolean`);
  const plan = planConnection(connectionTarget, undefined);
  return {
    connection: new Connection(
      plan,
      auditTables(options["schema"] ?? "public"),
      autoMigrate,
      timeout,
    ),
    owned: true,
  };
}

/**
 * The options of a store: the first argument when it is an options object, merged with the
 * second; unknown names are `STORE-001`.
 */
export function storeOptions(
  target: unknown,
  options: unknown,
  allowed: ReadonlySet<string>,
  storeName: string,
): Record<string, unknown> {
  if (
    options !== undefined &&
    (typeof options !== "object" || options === null || Array.isArray(options))
  )
    throw new StoreError("STORE-001", `${storeName} options must be an object`);
  const first = isPlainRecord(target) ? target : {};
  const merged = { ...first, ...(options as Record<string, unknown> | undefined) };
  const unknown = Object.keys(merged).filter((key) => !allowed.has(key));
  if (unknown.length > 0)
    throw new StoreError(
      "STORE-001",
      `${storeName} has no option ${JSON.stringify(unknown[0])}; known: ${[...allowed].join(", ")}`,
    );
  return merged;
}
