import { readdirSync, readFileSync } from "node:fs";
import { sha256Hex, StoreError } from "@parmanasystems/core";

/** One versioned SQL file of `sql/`: `0001_audit_tables.sql` is version 1. */
export interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** SHA-256 of the file's text: an applied migration must never change. */
  readonly checksum: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

let cached: readonly MigrationFile[] | undefined;

/**
 * The migration files shipped with this version, in version order. They sit next to the running
 * module: `src/migrations/sql/` from source, `dist/sql/` in the published package (copied by
 * the build).
 *
 * @throws StoreError `STORE-050` when the folder is missing or a file name is malformed
 */
export function readMigrationFiles(): readonly MigrationFile[] {
  if (cached !== undefined) return cached;
  const folder = new URL("./sql/", import.meta.url);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(".sql"));
  } catch (error) {
    throw new StoreError(
      "STORE-050",
      `the audit database migration files are missing (expected next to the module in ${folder.pathname}); if the package was bundled, ship its sql/ folder too`,
      { cause: error },
    );
  }
  const files = names.map((name) => {
    const match = FILE_NAME.exec(name);
    if (match === null) {
      throw new StoreError("STORE-050", `migration file ${name} is not named NNNN_name.sql`, {
        details: { file: name },
      });
    }
    const sql = readFileSync(new URL(name, folder), "utf8").replace(/\r\n/g, "\n");
    return Object.freeze({
      version: Number(match[1]),
      name,
      sql,
      checksum: sha256Hex(sql),
    });
  });
  files.sort((a, b) => a.version - b.version);
  for (let index = 1; index < files.length; index++) {
    if (files[index]?.version === files[index - 1]?.version) {
      throw new StoreError(
        "STORE-050",
        `two migration files share version ${files[index]?.version}`,
        {
          details: { version: files[index]?.version },
        },
      );
    }
  }
  cached = Object.freeze(files);
  return cached;
}
