import { createHash } from "node:crypto";
import type {
  PgPoolClientLike,
  QueryOptions,
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
  const names = new StatementNames();
  return {
    engine: "postgres",
    query: (text, params, options) => runPg(pool, text, params, names.of(text, options)),
    async exec(script) {
      await pool.query(script);
    },
    async transaction(body) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await body(clientExecutor(client, names));
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

function clientExecutor(client: PgPoolClientLike, names: StatementNames): SqlExecutor {
  return {
    query: (text, params, options) => runPg(client, text, params, names.of(text, options)),
    async exec(script) {
      await client.query(script);
    },
  };
}

async function runPg<Row>(
  target: PgPoolLike | PgPoolClientLike,
  text: string,
  params: readonly unknown[] | undefined,
  name: string | undefined,
): Promise<SqlResult<Row>> {
  const values = params === undefined ? undefined : [...params];
  const result =
    name === undefined
      ? await target.query(text, values)
      : await target.query({ name, text, ...(values === undefined ? {} : { values }) });
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
}

// Most statement texts given names per driver: the hot statements are a handful; the bound keeps
// a caller's many distinct texts from growing every connection's prepared statements forever.
const MAX_NAMED_STATEMENTS = 256;

/** Names for prepared statements: derived from the text, so one text has one name everywhere. */
class StatementNames {
  readonly #names = new Map<string, string>();

  of(text: string, options: QueryOptions | undefined): string | undefined {
    if (options?.prepare !== true) return undefined;
    let name = this.#names.get(text);
    if (name === undefined && this.#names.size < MAX_NAMED_STATEMENTS) {
      name = `parmana_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
      this.#names.set(text, name);
    }
    return name;
  }
}
