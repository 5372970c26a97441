import type {
  PgPoolClientLike,
  PgPoolLike,
  SqlDriver,
  SqlExecutor,
  SqlResult,
} from "./driver.types.js";

/**
 * A driver over a `pg` Pool. `owned` pools (made from a connection string) are ended by
 * `close()`; a pool the caller handed in is left open for its owner.
 */
export function pgDriver(pool: PgPoolLike, owned: boolean): SqlDriver {
  return {
    engine: "postgres",
    query: (text, params) => runPg(pool, text, params),
    async exec(script) {
      await pool.query(script);
    },
    async transaction(body) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await body(clientExecutor(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch {
          // The connection is gone; drop it from the pool rather than reuse it.
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}

function clientExecutor(client: PgPoolClientLike): SqlExecutor {
  return {
    query: (text, params) => runPg(client, text, params),
    async exec(script) {
      await client.query(script);
    },
  };
}

async function runPg<Row>(
  target: PgPoolLike | PgPoolClientLike,
  text: string,
  params: readonly unknown[] | undefined,
): Promise<SqlResult<Row>> {
  const result = await target.query(text, params === undefined ? undefined : [...params]);
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
}
