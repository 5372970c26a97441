// `parmana audit checkpoint` and `parmana audit prove`, run as the built binary against a real
// Postgres audit database (its own schema), then checked with `parmana verify inclusion` and
// `parmana verify consistency`: the auditor's round trip from the documented commands. Skipped
// with the reason when Postgres is unreachable, except with CI=true.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  LocalSigner,
  executeFromSignals,
  generateKeyPair,
  LocalVerifier,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  compilePolicy,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { AuditDb } from "@parmanasystems/audit-db";
import { LOAN_POLICY } from "../helpers/fixtures.js";
import { describeBuilt, makeWorkspace, runParmana } from "../helpers/run-parmana.js";

const DATABASE_URL = process.env["DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const ORIGIN = "audit.example.com/loans";
const auditDbBuilt = existsSync(
  fileURLToPath(new URL("../../../audit-db/dist/index.js", import.meta.url)),
);

async function postgresReason(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return `Postgres unreachable at ${DATABASE_URL}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}
const reason = !auditDbBuilt
  ? "packages/audit-db/dist is missing: build first"
  : await postgresReason();
const describeDb: typeof describe | typeof describe.skip =
  reason === undefined || process.env["CI"] === "true" ? describe : describe.skip;
if (reason !== undefined) console.warn(`[cli audit tests] SKIPPED: ${reason}`);

describeBuilt("parmana audit checkpoint | prove", () => {
  describeDb(`on Postgres${reason === undefined ? "" : ` — SKIPPED: ${reason}`}`, () => {
    const workspace = makeWorkspace("audit-log");
    const cwd = workspace.dir;
    const schema = `cli_log_${Date.now().toString(36)}`;
    let db: AuditDb;
    const attestations: ExecutionAttestation[] = [];
    const dbArgs = ["--db", DATABASE_URL, "--schema", schema, "--origin", ORIGIN];

    async function decide(count: number): Promise<void> {
      const keys = generateKeyPair();
      const compiled = compilePolicy(LOAN_POLICY as never);
      const policies = new MemoryPolicyRegistry([compiled.policy!]);
      const replayStore = new MemoryReplayStore({ warnInProduction: false });
      for (let i = 0; i < count; i++) {
        const n = attestations.length;
        const attestation = (await executeFromSignals(
          {
            executionId: `loan-${n}`,
            policyId: "loan-approval",
            policyVersion: "1.0.0",
            signals: { credit_score: 500 + n * 20, loan_amount: 1000 * n },
          },
          new LocalSigner(keys.privateKeyPem),
          new LocalVerifier(keys.publicKeyPem),
          { replayStore, policies },
        )) as ExecutionAttestation;
        attestations.push(attestation);
        await db.recordDecision(attestation);
      }
    }

    beforeAll(async () => {
      const logKey = generateKeyPair();
      writeFileSync(join(cwd, "log-private.pem"), logKey.privateKeyPem);
      writeFileSync(join(cwd, "log.pem"), logKey.publicKeyPem);
      db = new AuditDb(DATABASE_URL, { schema });
    });
    afterAll(async () => {
      await db?.close();
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
      workspace.cleanup();
    });

    it("publishes a checkpoint an auditor keeps, and later proves the log only grew", async () => {
      await decide(5);
      const first = await runParmana(
        ["audit", "checkpoint", ...dbArgs, "--key", "log-private.pem", "--out", "cp-1"],
        { cwd },
      );
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(
        new RegExp(`^cp-1: ${ORIGIN} at 5 decisions, root [A-Za-z0-9+/]{43}=\\n$`),
      );
      const note = readFileSync(join(cwd, "cp-1"), "utf8");
      expect(note.startsWith(`${ORIGIN}\n5\n`)).toBe(true);

      await decide(6);
      const second = await runParmana(
        [
          "audit",
          "checkpoint",
          ...dbArgs,
          "--key",
          "log-private.pem",
          "--out",
          "cp-2",
          "--since",
          "cp-1",
          "--proof-out",
          "p-1-2.json",
        ],
        { cwd },
      );
      expect(second.stderr).toBe("");
      expect(second.code).toBe(0);
      expect(second.stdout).toContain("p-1-2.json: consistency proof 5 -> 11\n");
      const verified = await runParmana(
        ["verify", "consistency", "cp-1", "cp-2", "--proof", "p-1-2.json", "--key", "log.pem"],
        { cwd },
      );
      expect(verified.stdout).toMatch(/^✓ CONSISTENT   the log only grew: 5 -> 11 entries\n/);
      expect(verified.code).toBe(0);
    });

    it("writes a decision's proof to stdout, which `parmana verify inclusion` accepts", async () => {
      const proved = await runParmana(["audit", "prove", "loan-7", ...dbArgs], { cwd });
      expect(proved.stderr).toBe("");
      expect(proved.code).toBe(0);
      const bundle = JSON.parse(proved.stdout) as {
        type: string;
        proof: { leafIndex: number; treeSize: number };
        attestation: unknown;
      };
      expect(bundle.type).toBe("parmana.inclusion-proof/v1");
      expect(bundle.proof).toMatchObject({ leafIndex: 7, treeSize: 11 });
      expect(bundle.attestation).toEqual(JSON.parse(JSON.stringify(attestations[7])));
      writeFileSync(join(cwd, "proof.json"), proved.stdout);
      const verified = await runParmana(["verify", "inclusion", "proof.json", "--key", "log.pem"], {
        cwd,
      });
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(
        /^✓ VALID   proof\.json: in the log\n    executionId  loan-7\n    leafIndex    7\n/,
      );
    });

    it("fails with the store's code for an unknown decision, and without an origin (usage)", async () => {
      const unknown = await runParmana(["audit", "prove", "loan-999", ...dbArgs], { cwd });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(
        /^parmana: \[STORE-080\] decision loan-999 is not in the transparency log/,
      );
      const noOrigin = await runParmana(
        ["audit", "prove", "loan-1", "--db", DATABASE_URL, "--schema", schema],
        { cwd },
      );
      expect(noOrigin.code).toBe(2);
      expect(noOrigin.stderr).toMatch(/\[CLI-001\] .*--origin/);
    });
  });
});
