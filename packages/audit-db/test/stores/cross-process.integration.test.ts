// What this proves beyond the unit tests: several instances of an application sharing one
// database get exact results. On Postgres they are separate OS processes running the built
// package (8 processes × 500 recordDecision with duplicates, and a forged conflict each). PGlite
// serves one process only, so there the same workload runs as concurrent AuditDb instances.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ParmanaError, type ExecutionAttestation } from "@parmanasystems/core";
import { claimSignals, claimsIssuer, type DecidedClaim } from "../helpers/claims.js";
import { DATABASE_URL, forEachEngine, type OpenedDb } from "../helpers/databases.js";

const run = promisify(execFile);
const AUDIT_DIST = new URL("../../dist/index.js", import.meta.url).href;
const ITEMS = 2000;
const PROCESSES = 8;
// Vitest 3's fork pool reports a test running past 60 s as an RPC timeout: PGlite, one
// connection in one process, gets half the per-writer load so it stays well inside that.
const PER_WRITER = { postgres: 500, pglite: 250 } as const;

const issuer = claimsIssuer();
const items: DecidedClaim[] = [];
let forged: ExecutionAttestation;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "audit-db-xproc-"));
  for (let i = 0; i < ITEMS; i++) items.push(await issuer.decide(`xp-${i}`, claimSignals(i)));
  writeFileSync(join(dir, "items.ndjson"), items.map((item) => JSON.stringify(item)).join("\n"));
  const other = await issuer.decide("xp-forged-source", claimSignals(99_999));
  forged = { ...other.attestation, executionId: "xp-0" };
  writeFileSync(join(dir, "forged.json"), JSON.stringify(forged));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

forEachEngine("several instances on one database", (engine) => {
  let opened: OpenedDb;
  afterAll(async () => {
    await opened?.dispose();
  });

  const PER_PROCESS = PER_WRITER[engine.name];
  // Writer w records items w*count/2 .. w*count/2 + count - 1 (mod UNIQUE): every item twice.
  const UNIQUE = (PROCESSES * PER_PROCESS) / 2;
  it(`${PROCESSES} writers × ${PER_PROCESS} recordDecision with duplicates → exact counts`, async () => {
    opened = await engine.open();
    await opened.db.migrate();
    const shares = Array.from({ length: PROCESSES }, (_, w) => ({
      first: w * (PER_PROCESS / 2),
      count: PER_PROCESS,
    }));
    let results: { recorded: number; duplicate: number; conflict: number; other: number }[];
    if (engine.name === "postgres") {
      results = await Promise.all(
        shares.map(async ({ first, count }) => {
          const { stdout } = await run(process.execPath, [
            fileURLToPath(new URL("../helpers/record-worker.mjs", import.meta.url)),
            AUDIT_DIST,
            DATABASE_URL,
            opened.schema,
            join(dir, "items.ndjson"),
            String(first),
            String(count),
            join(dir, "forged.json"),
            String(UNIQUE),
          ]);
          return JSON.parse(stdout) as (typeof results)[number];
        }),
      );
    } else {
      results = await Promise.all(
        shares.map(async ({ first, count }) => {
          const db = opened.another();
          const counts = { recorded: 0, duplicate: 0, conflict: 0, other: 0 };
          await Promise.all(
            Array.from({ length: count }, async (_, i) => {
              const item = items[(first + i) % UNIQUE]!;
              const result = await db.recordDecision(item.attestation, { signals: item.signals });
              counts[result.status as "recorded" | "duplicate"] += 1;
            }),
          );
          try {
            await db.recordDecision(forged);
            counts.other += 1;
          } catch (error) {
            if (ParmanaError.isInstance(error) && error.code === "STORE-004") counts.conflict += 1;
            else throw error;
          }
          return counts;
        }),
      );
    }
    const total = results.reduce(
      (sum, r) => ({
        recorded: sum.recorded + r.recorded,
        duplicate: sum.duplicate + r.duplicate,
        conflict: sum.conflict + r.conflict,
        other: sum.other + r.other,
      }),
      { recorded: 0, duplicate: 0, conflict: 0, other: 0 },
    );
    expect(total).toEqual({
      recorded: UNIQUE,
      duplicate: PROCESSES * PER_PROCESS - UNIQUE,
      conflict: PROCESSES,
      other: 0,
    });
    const stats = await opened.db.getStats();
    expect(stats.total_decisions).toBe(String(UNIQUE));
    expect((await opened.db.getDecisionById("xp-0"))!.signature).toBe(
      items[0]!.attestation.signature,
    );
    const report = await opened.db.verifyAll({ verifier: issuer.verifier });
    expect(report).toMatchObject({ checked: UNIQUE, valid: UNIQUE, invalid: 0 });
  }, 180_000);
});
