/** Rows and the number of rows a statement touched. */
export interface SqlResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number;
}

/** How a statement is run. */
export interface QueryOptions {
  readonly prepare?: boolean;
}

/** Runs parameterized statements; values always travel as parameters, never in the SQL text. */
export interface SqlExecutor {
  /**
   * @param options - `prepare: true` for a statement of fixed text run often: on a Postgres
   *   server it becomes a named prepared statement (parsed and planned once per connection)
   */
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<SqlResult<Row>>;
  /** Runs a script of several statements without parameters (migration files only). */
  exec(script: string): Promise<void>;
}

/**
 * One database, whatever the engine: a `pg` Pool against a Postgres server, or an embedded
 * PGlite. `transaction` runs its body on one connection between BEGIN and COMMIT (ROLLBACK when
 * the body throws).
 */
export interface SqlDriver extends SqlExecutor {
  readonly engine: "postgres" | "pglite";
  transaction<T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Closes what the driver opened itself; a client the caller handed in is left open. */
  close(): Promise<void>;
}

/**
 * The part of a `pg.Pool` the audit database uses (structural, so the declaration files do not
 * depend on `@types/pg`).
 */
export interface PgPoolLike {
  query(
    text: string | PgQueryConfig,
    params?: unknown[],
  ): Promise<{ rows: unknown[]; rowCount: number | null }>;
  connect(): Promise<PgPoolClientLike>;
  end(): Promise<void>;
}

/** A `pg` query config: a `name` makes it a prepared statement of its connection. */
export interface PgQueryConfig {
  readonly name?: string;
  readonly text: string;
  readonly values?: unknown[];
}

/** A connection checked out of a {@link PgPoolLike}. */
export interface PgPoolClientLike {
  query(
    text: string | PgQueryConfig,
    params?: unknown[],
  ): Promise<{ rows: unknown[]; rowCount: number | null }>;
  release(error?: Error | boolean): void;
}

/** The part of a PGlite instance the audit database uses. */
export interface PGliteLike {
  query(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: unknown[]; affectedRows?: number | undefined }>;
  exec(script: string): Promise<unknown>;
  transaction<T>(body: (tx: PGliteTransactionLike) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly waitReady: Promise<void>;
}

/** The transaction handle PGlite passes to `transaction` bodies. */
export interface PGliteTransactionLike {
  query(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: unknown[]; affectedRows?: number | undefined }>;
  exec(script: string): Promise<unknown>;
}
