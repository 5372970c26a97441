import type { PGliteLike, PGliteTransactionLike, SqlDriver, SqlResult } from "./driver.types.js";

/**
 * A driver over an embedded PGlite. PGlite is one connection: its statements and transactions
 * run one at a time, so concurrent callers in this process queue behind each other (and an
 * advisory lock is trivially uncontended). Only one process may open a PGlite data directory.
 */
export function pgliteDriver(db: PGliteLike, owned: boolean): SqlDriver {
  return {
    engine: "pglite",
    async query<Row>(text: string, params?: readonly unknown[]) {
      return toResult<Row>(await db.query(text, params === undefined ? undefined : [...params]));
    },
    async exec(script) {
      await db.exec(script);
    },
    transaction(body) {
      return db.transaction((tx: PGliteTransactionLike) =>
        body({
          async query<Row>(text: string, params?: readonly unknown[]) {
            return toResult<Row>(
              await tx.query(text, params === undefined ? undefined : [...params]),
            );
          },
          async exec(script) {
            await tx.exec(script);
          },
        }),
      );
    },
    async close() {
      if (owned) await db.close();
    },
  };
}

function toResult<Row>(result: {
  rows: unknown[];
  affectedRows?: number | undefined;
}): SqlResult<Row> {
  // PGlite reports affectedRows for INSERT/UPDATE/DELETE and 0 for SELECT: use the row count then.
  const affected = result.affectedRows ?? 0;
  return { rows: result.rows as Row[], rowCount: affected > 0 ? affected : result.rows.length };
}
