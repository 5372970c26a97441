import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { AuditDb, type AuditDbOptions } from "@parmanasystems/audit-db";
import { DATABASE_URL, postgresUnavailableReason } from "../../../../test-support/servers.js";

export { DATABASE_URL, postgresUnavailableReason };

/** A fresh schema name, so parallel runs never share tables. */
export function uniqueSchema(): string {
  return `audit_test_${randomBytes(6).toString("hex")}`;
}

const postgresReason = await postgresUnavailableReason();

/** One engine the shared suites run on. */
export interface Engine {
  readonly name: "pglite" | "postgres";
  /** A new AuditDb on an empty schema (Postgres) or an empty in-memory database (PGlite). */
  open(options?: AuditDbOptions): Promise<OpenedDb>;
}

/** An AuditDb plus what a test needs to reach under it. */
export interface OpenedDb {
  readonly db: AuditDb;
  readonly schema: string;
  /** Another AuditDb on the same database and schema (a second instance of the application). */
  another(options?: AuditDbOptions): AuditDb;
  /** Runs SQL as the superuser/owner, outside the AuditDb (to tamper, disable triggers...). */
  superuser(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Closes everything and drops the schema. */
  dispose(): Promise<void>;
}

// Starting PGlite costs seconds (it runs initdb): one instance per test file, one schema per test.
let sharedPGlite: Promise<import("@electric-sql/pglite").PGlite> | undefined;
function pgliteInstance(): Promise<import("@electric-sql/pglite").PGlite> {
  sharedPGlite ??= import("@electric-sql/pglite").then(({ PGlite }) => new PGlite());
  return sharedPGlite;
}

/**
 * An OpenedDb on a fresh schema: `target` is what each AuditDb connects to, `admin` runs the
 * superuser's SQL, `release` frees the admin connection.
 */
function openOn(
  target: string | import("@electric-sql/pglite").PGlite,
  admin: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> },
  release: () => Promise<void>,
  options: AuditDbOptions,
): OpenedDb {
  const schema = uniqueSchema();
  const db = new AuditDb(target, { schema, ...options });
  const others: AuditDb[] = [];
  let disposed = false;
  return {
    db,
    schema,
    another(more = {}) {
      const other = new AuditDb(target, { schema, ...more });
      others.push(other);
      return other;
    },
    superuser: async (sql, params) => {
      const result = await admin.query(sql, params);
      return { rows: result.rows as Record<string, unknown>[] };
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const other of others) await other.close().catch(() => {});
      await db.close().catch(() => {});
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await release();
    },
  };
}

const pglite: Engine = {
  name: "pglite",
  async open(options = {}) {
    const client = await pgliteInstance();
    return openOn(client, client, async () => {}, options);
  },
};

const postgres: Engine = {
  name: "postgres",
  async open(options = {}) {
    const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    return openOn(DATABASE_URL, admin, () => admin.end(), options);
  },
};

/**
 * Runs `body` once per engine: PGlite always, Postgres when it answers (skipped with the reason
 * otherwise, except with CI=true, where an unreachable server fails the run).
 */
export function forEachEngine(name: string, body: (engine: Engine) => void): void {
  describe(`${name} [pglite]`, () => {
    // PGlite's start (initdb in WebAssembly) takes seconds on a busy machine: not a test's time.
    beforeAll(async () => {
      await (
        await pgliteInstance()
      ).waitReady;
    }, 180_000);
    afterAll(async () => {
      const instance = sharedPGlite;
      sharedPGlite = undefined;
      await (await instance)?.close();
    });
    body(pglite);
  });
  if (postgresReason === undefined || process.env["CI"] === "true") {
    describe(`${name} [postgres]`, () => body(postgres));
  } else {
    console.warn(`[skipped] ${postgresReason}`);
    describe.skip(`${name} [postgres] — SKIPPED: ${postgresReason}`, () => body(postgres));
  }
}

export const ENGINES: { readonly pglite: Engine; readonly postgres: Engine } = { pglite, postgres };
