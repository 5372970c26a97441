import { StoreError } from "@parmanasystems/core";
import type { SqlDriver, SqlExecutor } from "../connection/driver.types.js";
import type { AuditTables } from "../connection/schema-name.js";
import { databaseError } from "../errors/database-errors.js";
import { readMigrationFiles, type MigrationFile } from "./read-migration-files.js";

/** What a migration run did. */
export interface MigrationResult {
  /** Versions applied by this run, in order (empty when the schema was up to date). */
  readonly applied: readonly number[];
  /** The schema's version after the run. */
  readonly version: number;
  /** Versions present in the database that this library does not ship (a newer release). */
  readonly unknownVersions: readonly number[];
}

// First key of the two-key advisory lock: "PRMN" in ASCII. The second is the schema's hash, so
// schemas migrate independently.
const LOCK_CLASS = 0x50524d4e;

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings the schema up to date: every missing migration file runs, in order, in one transaction
 * under a transaction-scoped advisory lock, so of several instances starting at once one
 * migrates and the others find the work done. When every migration is already applied it only
 * reads, so a role without CREATE privileges can start against a migrated schema.
 *
 * @throws StoreError `STORE-050` checksum drift, missing files or a failing migration (rolled back); `STORE-002` database unreachable
 */
export async function migrateSchema(
  driver: SqlDriver,
  tables: AuditTables,
): Promise<MigrationResult> {
  const files = readMigrationFiles();
  try {
    const quick = await readApplied(driver, tables);
    if (quick !== undefined) {
      const result = compare(files, quick);
      if (result.pending.length === 0) return summary([], quick, files);
    }
    return await driver.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_CLASS, tables.schema]);
      const exists = await tx.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [
        tables.schema,
      ]);
      if (exists.rowCount === 0) await tx.exec(`CREATE SCHEMA ${tables.quotedSchema}`);
      await tx.exec(
        `CREATE TABLE IF NOT EXISTS ${tables.migrations} (
          version    integer     PRIMARY KEY,
          name       text        NOT NULL,
          checksum   text        NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`,
      );
      const applied = await selectApplied(tx, tables);
      const { pending } = compare(files, applied);
      for (const file of pending) {
        await applyOne(tx, tables, file);
      }
      return summary(
        pending.map((file) => file.version),
        [
          ...applied,
          ...pending.map((f) => ({ version: f.version, name: f.name, checksum: f.checksum })),
        ],
        files,
      );
    });
  } catch (error) {
    throw databaseError(error, "migrate the audit database");
  }
}

async function applyOne(tx: SqlExecutor, tables: AuditTables, file: MigrationFile): Promise<void> {
  try {
    // Unqualified names in the file land in the target schema; LOCAL ends with the transaction.
    await tx.exec(`SET LOCAL search_path TO ${tables.quotedSchema}`);
    await tx.exec(file.sql);
  } catch (error) {
    const state = (error as { code?: unknown } | null)?.code;
    throw new StoreError(
      "STORE-050",
      `migration ${file.name} failed and the whole run was rolled back: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
        details: {
          version: file.version,
          file: file.name,
          ...(typeof state === "string" ? { sqlState: state } : {}),
        },
      },
    );
  }
  await tx.query(`INSERT INTO ${tables.migrations} (version, name, checksum) VALUES ($1, $2, $3)`, [
    file.version,
    file.name,
    file.checksum,
  ]);
}

async function readApplied(
  driver: SqlDriver,
  tables: AuditTables,
): Promise<AppliedRow[] | undefined> {
  const found = await driver.query<{ present: boolean }>(
    "SELECT to_regclass($1) IS NOT NULL AS present",
    [`${tables.quotedSchema}.audit_schema_migrations`],
  );
  if (found.rows[0]?.present !== true) return undefined;
  return selectApplied(driver, tables);
}

async function selectApplied(executor: SqlExecutor, tables: AuditTables): Promise<AppliedRow[]> {
  const result = await executor.query<AppliedRow>(
    `SELECT version, name, checksum FROM ${tables.migrations} ORDER BY version`,
  );
  return result.rows;
}

function compare(
  files: readonly MigrationFile[],
  applied: readonly AppliedRow[],
): { pending: MigrationFile[] } {
  const byVersion = new Map(applied.map((row) => [row.version, row]));
  for (const file of files) {
    const row = byVersion.get(file.version);
    if (row !== undefined && row.checksum !== file.checksum) {
      throw new StoreError(
        "STORE-050",
        `migration ${file.name} was applied with checksum ${row.checksum.slice(0, 12)}… but this version ships ${file.checksum.slice(0, 12)}…; an applied migration must never change`,
        { details: { version: file.version, file: file.name } },
      );
    }
  }
  return { pending: files.filter((file) => !byVersion.has(file.version)) };
}

function summary(
  applied: readonly number[],
  rows: readonly AppliedRow[],
  files: readonly MigrationFile[],
): MigrationResult {
  const known = new Set(files.map((file) => file.version));
  const version = rows.reduce((max, row) => Math.max(max, row.version), 0);
  return Object.freeze({
    applied: Object.freeze([...applied]),
    version,
    unknownVersions: Object.freeze(rows.map((row) => row.version).filter((v) => !known.has(v))),
  });
}
