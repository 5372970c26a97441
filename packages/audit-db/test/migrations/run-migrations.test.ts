import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { StoreError } from "@parmanasystems/core";
import { runMigrations } from "@parmanasystems/audit-db";
import {
  DATABASE_URL,
  forEachEngine,
  postgresUnavailableReason,
  uniqueSchema,
  type OpenedDb,
} from "../helpers/databases.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const MIGRATIONS = [
  "0001_audit_tables.sql",
  "0002_append_only.sql",
  "0003_views.sql",
  "0100_transparency_log.sql",
];

forEachEngine("migrations", (engine) => {
  let opened: OpenedDb | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  it("applies every migration once; a second instance applies nothing", async () => {
    opened = await engine.open({ autoMigrate: false });
    const first = await opened.db.migrate();
    expect(first).toEqual({ applied: [1, 2, 3, 100], version: 100, unknownVersions: [] });
    const second = await opened.another({ autoMigrate: false }).migrate();
    expect(second).toEqual({ applied: [], version: 100, unknownVersions: [] });
    const rows = await opened.superuser(
      `SELECT name FROM "${opened.schema}".audit_schema_migrations ORDER BY version`,
    );
    expect(rows.rows.map((r) => r["name"])).toEqual(MIGRATIONS);
  });

  it("ten instances starting at once migrate once (advisory lock, one transaction)", async () => {
    opened = await engine.open({ autoMigrate: false });
    const instances = Array.from({ length: 10 }, () => opened!.another({ autoMigrate: false }));
    const results = await Promise.all(instances.map((db) => db.migrate()));
    expect(results.flatMap((r) => r.applied)).toEqual([1, 2, 3, 100]);
    for (const r of results) expect(r.version).toBe(100);
    const count = await opened.superuser(
      `SELECT count(*)::int AS n FROM "${opened.schema}".audit_schema_migrations`,
    );
    expect(count.rows[0]?.["n"]).toBe(4);
  });

  it("refuses to start when an applied migration was edited (checksum drift)", async () => {
    opened = await engine.open();
    await opened.db.migrate();
    await opened.superuser(
      `UPDATE "${opened.schema}".audit_schema_migrations SET checksum = 'edited' WHERE version = 2`,
    );
    await expectRejectsParmanaError(
      opened.another().ping(),
      "STORE-050",
      StoreError,
      /0002_append_only\.sql was applied with checksum edited/,
    );
  });

  it("reports versions it does not ship (a newer release migrated the schema)", async () => {
    opened = await engine.open();
    await opened.db.migrate();
    await opened.superuser(
      `INSERT INTO "${opened.schema}".audit_schema_migrations (version, name, checksum) VALUES (150, '0150_future.sql', 'x')`,
    );
    const result = await opened.another().migrate();
    expect(result).toEqual({ applied: [], version: 150, unknownVersions: [150] });
  });
});

const postgresReason = await postgresUnavailableReason();

it.skipIf(postgresReason !== undefined && process.env["CI"] !== "true")(
  "runMigrations(url) migrates a Postgres schema and closes the connection it opened",
  async () => {
    const schema = uniqueSchema();
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      expect(await runMigrations(DATABASE_URL, { schema })).toEqual({
        applied: [1, 2, 3, 100],
        version: 100,
        unknownVersions: [],
      });
      expect((await runMigrations(DATABASE_URL, { schema })).applied).toEqual([]);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  },
);
