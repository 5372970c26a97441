import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { StoreError } from "@parmanasystems/core";
import type { PgPoolLike, PGliteLike, SqlDriver } from "./driver.types.js";
import { pgDriver } from "./pg-driver.js";
import { pgliteDriver } from "./pglite-driver.js";

/** Default folder of the embedded database, relative to the working directory. */
export const DEFAULT_DATA_DIR: string = "./.parmana/audit-db";

/** Where to connect, decided from the constructor arguments (nothing is opened yet). */
export type ConnectionPlan =
  | { readonly kind: "pool"; readonly pool: PgPoolLike }
  | { readonly kind: "pglite"; readonly db: PGliteLike }
  | { readonly kind: "url"; readonly connectionString: string }
  | { readonly kind: "embedded"; readonly dataDir: string | undefined };

/** True for something shaped like a PGlite instance. */
export function isPGlite(value: unknown): value is PGliteLike {
  const candidate = value as Partial<PGliteLike> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.query === "function" &&
    typeof candidate.exec === "function" &&
    typeof candidate.transaction === "function" &&
    "waitReady" in candidate
  );
}

/** True for something shaped like a `pg.Pool` (a single `pg.Client` cannot serve transactions). */
export function isPgPool(value: unknown): value is PgPoolLike {
  const candidate = value as (Partial<PgPoolLike> & { totalCount?: unknown }) | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.query === "function" &&
    typeof candidate.connect === "function" &&
    typeof candidate.end === "function" &&
    typeof candidate.totalCount === "number"
  );
}

/**
 * Reads a connection target: a Postgres URL, `":memory:"` (embedded, in memory), a `pg.Pool`, a
 * PGlite instance, or nothing (embedded database in `dataDir`).
 *
 * @throws StoreError `STORE-001` for anything else
 */
export function planConnection(target: unknown, dataDir: string | undefined): ConnectionPlan {
  // Resolved now, against the working directory at construction, not at first use.
  if (target === undefined || target === null)
    return { kind: "embedded", dataDir: resolve(dataDir ?? DEFAULT_DATA_DIR) };
  if (typeof target === "string") {
    if (target === ":memory:") return { kind: "embedded", dataDir: ":memory:" };
    if (/^postgres(ql)?:\/\//i.test(target)) return { kind: "url", connectionString: target };
    throw new StoreError(
      "STORE-001",
      'the connection string must start with postgres:// or postgresql://, or be ":memory:" for an in-memory embedded database',
      { details: { option: "connectionString" } },
    );
  }
  if (isPGlite(target)) return { kind: "pglite", db: target };
  if (isPgPool(target)) return { kind: "pool", pool: target };
  throw new StoreError(
    "STORE-001",
    `expected a connection string, a pg.Pool or a PGlite instance, got ${describeClient(target)}${looksLikePgClient(target) ? " (a single pg.Client cannot run concurrent transactions: pass a pg.Pool)" : ""}`,
    { details: { option: "client" } },
  );
}

/**
 * Opens the planned connection. Pools and PGlite instances made here are owned (closed by
 * `close()`); the caller's are not.
 */
export async function openDriver(
  plan: ConnectionPlan,
  operationTimeoutMs: number,
): Promise<SqlDriver> {
  switch (plan.kind) {
    case "pool":
      return pgDriver(plan.pool, false);
    case "pglite":
      await plan.db.waitReady;
      return pgliteDriver(plan.db, false);
    case "url": {
      const pg = await import("pg");
      const Pool = pg.default?.Pool ?? (pg as unknown as { Pool: typeof pg.default.Pool }).Pool;
      const pool = new Pool({
        connectionString: plan.connectionString,
        connectionTimeoutMillis: operationTimeoutMs,
        query_timeout: operationTimeoutMs,
        max: 10,
      });
      // An idle pooled connection that drops must not crash the process; the next query fails
      // with a coded error instead.
      pool.on("error", () => {});
      return pgDriver(pool as unknown as PgPoolLike, true);
    }
    case "embedded": {
      const { PGlite } = await import("@electric-sql/pglite");
      let db: PGliteLike;
      if (plan.dataDir === ":memory:") {
        db = new PGlite() as unknown as PGliteLike;
      } else {
        const dir = plan.dataDir ?? resolve(DEFAULT_DATA_DIR);
        mkdirSync(dir, { recursive: true });
        db = new PGlite(dir) as unknown as PGliteLike;
      }
      await db.waitReady;
      return pgliteDriver(db, true);
    }
  }
}

function looksLikePgClient(value: unknown): boolean {
  const candidate = value as { connect?: unknown; query?: unknown; end?: unknown } | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.connect === "function" &&
    typeof candidate.query === "function" &&
    typeof candidate.end === "function"
  );
}

function describeClient(value: unknown): string {
  if (typeof value !== "object") return typeof value;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "Object" ? `a ${name}` : "an object";
}
