import { StoreError } from "@parmanasystems/core";
import { databaseError } from "../errors/database-errors.js";
import { migrateSchema, type MigrationResult } from "../migrations/run-migrations.js";
import type { SqlDriver } from "./driver.types.js";
import { openDriver, type ConnectionPlan } from "./open-connection.js";
import type { AuditTables } from "./schema-name.js";

/**
 * One audit database connection shared by AuditDb and the stores: opened on first use,
 * migrated once when `autoMigrate` is on, closed once.
 */
export class AuditConnection {
  readonly tables: AuditTables;
  readonly #plan: ConnectionPlan;
  readonly #autoMigrate: boolean;
  readonly #operationTimeoutMs: number;
  #opening: Promise<SqlDriver> | undefined;
  #migrated: Promise<MigrationResult> | undefined;
  #closed = false;

  constructor(
    plan: ConnectionPlan,
    tables: AuditTables,
    autoMigrate: boolean,
    operationTimeoutMs: number,
  ) {
    this.#plan = plan;
    this.tables = tables;
    this.#autoMigrate = autoMigrate;
    this.#operationTimeoutMs = operationTimeoutMs;
  }

  /** The engine behind this connection, once known from the plan. */
  get engine(): "postgres" | "pglite" {
    return this.#plan.kind === "pool" || this.#plan.kind === "url" ? "postgres" : "pglite";
  }

  /** The open driver, migrated when autoMigrate is on. */
  async driver(): Promise<SqlDriver> {
    const driver = await this.#open();
    if (this.#autoMigrate) await this.migrate();
    return driver;
  }

  /** Runs the migrations (once per connection; a failed run is retried on the next call). */
  async migrate(): Promise<MigrationResult> {
    const driver = await this.#open();
    if (this.#migrated === undefined) {
      this.#migrated = migrateSchema(driver, this.tables);
      this.#migrated.catch(() => {
        this.#migrated = undefined;
      });
    }
    return this.#migrated;
  }

  /** Closes what this connection opened; later use is `STORE-005`. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const opening = this.#opening;
    if (opening === undefined) return;
    const driver = await opening.catch(() => undefined);
    await driver?.close();
  }

  get closed(): boolean {
    return this.#closed;
  }

  #open(): Promise<SqlDriver> {
    if (this.#closed) {
      return Promise.reject(
        new StoreError("STORE-005", "the audit database was used after close()"),
      );
    }
    if (this.#opening === undefined) {
      this.#opening = openDriver(this.#plan, this.#operationTimeoutMs).catch((error: unknown) => {
        this.#opening = undefined;
        throw databaseError(error, "open the audit database");
      });
    }
    return this.#opening;
  }
}
