import {
  canonicalHash,
  OverrideError,
  ParmanaError,
  StoreError,
  type ExecutionAttestation,
  type PendingOverride,
  type PendingOverrideReference,
  type PendingOverrideStore,
  type Signer,
  type Verifier,
} from "@parmanasystems/core";
import type { AuditDb } from "../audit-db.js";
import type { AuditDbClient } from "../audit-db.types.js";
import type { SqlDriver } from "../connection/driver.types.js";
import type { AuditTables } from "../connection/schema-name.js";
import { databaseError } from "../errors/database-errors.js";
import { recordProblems } from "../record/check-attestation.js";
import { assertStorable, plainSnapshot } from "../record/storable-values.js";
import {
  CONNECTION_OPTION_NAMES,
  storeConnection,
  storeOptions,
  type PostgresStoreConnectionOptions,
  type StoreConnection,
} from "./store-connection.js";

/** Options of {@link PostgresPendingOverrideStore}. */
export interface PostgresPendingOverrideStoreOptions extends PostgresStoreConnectionOptions {
  /** Signs override records of the decisions this store returns (keys never enter the database). */
  readonly signer: Signer;
  /** Verifies those records before approveOverride returns them. */
  readonly verifier: Verifier;
}

const OPTIONS = new Set([...CONNECTION_OPTION_NAMES, "signer", "verifier"]);

interface PendingRow {
  execution_id: string;
  execution_fingerprint: string;
  policy_id: string;
  attestation_hash: string;
  pending_context: { attestation: ExecutionAttestation; ruleId?: string; overrideRoles?: string[] };
  resolved: boolean;
}

/**
 * Where pending decisions wait for a human, in the audit database's `audit_overrides` table (a
 * 'pending' row with the context needed to resume), so any instance can resolve them.
 * `markResolved` is one insert into `audit_override_claims` guarded by its primary key: of
 * concurrent callers in any number of processes, exactly one gets true. Rows are append-only; a
 * retry of a failed attempt records its new attestation beside the old one and `find` returns
 * the newest.
 *
 * @example
 * ```ts
 * const store = new PostgresPendingOverrideStore(auditDb, { signer, verifier });
 * await executeFromSignals(input, signer, verifier, { replayStore, pendingOverrideStore: store });
 * // in another process:
 * await approveOverride({ executionId, approved_by, approver_role, reason }, { store });
 * ```
 */
export class PostgresPendingOverrideStore implements PendingOverrideStore {
  readonly #store: StoreConnection;
  readonly #signer: Signer;
  readonly #verifier: Verifier;

  /**
   * @param target - an AuditDb, a Postgres URL, a pg.Pool, a PGlite, or options with `client` / `connectionString`
   * @param options - `signer` and `verifier` (required), connection options
   * @throws StoreError `STORE-001` for unknown options, a wrong client or a missing signer/verifier
   */
  constructor(
    target: string | AuditDbClient | AuditDb | PostgresPendingOverrideStoreOptions,
    options?: Partial<PostgresPendingOverrideStoreOptions>,
  ) {
    const o = storeOptions(target, options, OPTIONS, "PostgresPendingOverrideStore");
    const signer = o["signer"] as Signer | undefined;
    const verifier = o["verifier"] as Verifier | undefined;
    if (typeof signer?.sign !== "function" || typeof verifier?.verify !== "function")
      throw new StoreError(
        "STORE-001",
        "PostgresPendingOverrideStore needs options.signer (sign) and options.verifier (verify): keys stay in your process, only decisions are stored",
      );
    this.#signer = signer;
    this.#verifier = verifier;
    this.#store = storeConnection(target, o, "PostgresPendingOverrideStore");
  }

  /**
   * Records a pending decision (idempotent for the same attestation).
   *
   * @throws OverrideError `SYS-024` malformed, `SYS-028` executionId resolved or held by another policy; StoreError `STORE-055`, `STORE-002`
   */
  async record(pending: PendingOverride): Promise<void> {
    if (typeof pending !== "object" || pending === null)
      throw new OverrideError(
        "SYS-024",
        "a pending decision must be an object { attestation, ruleId, ... }",
      );
    let snapshot: { value: unknown; canonical: string };
    try {
      snapshot = plainSnapshot(pending.attestation, "the pending attestation", "STORE-052");
    } catch (error) {
      throw new OverrideError("SYS-024", `invalid pending decision: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const attestation = snapshot.value as ExecutionAttestation;
    const problems = recordProblems(attestation as unknown as Record<string, unknown>);
    if (problems.length > 0)
      throw new OverrideError(
        "SYS-024",
        `invalid pending decision: ${problems.slice(0, 3).join("; ")}`,
        {
          details: { problems },
        },
      );
    const roles = pending.overrideRoles;
    if (
      roles !== undefined &&
      (!Array.isArray(roles) || !roles.every((r) => typeof r === "string"))
    )
      throw new OverrideError(
        "SYS-024",
        "invalid pending decision: overrideRoles must be an array of strings",
      );
    if (typeof pending.ruleId !== "string")
      throw new OverrideError("SYS-024", "invalid pending decision: ruleId must be a string");
    const context = {
      attestation,
      ruleId: pending.ruleId,
      ...(roles === undefined ? {} : { overrideRoles: [...roles] }),
    };
    assertStorable(JSON.stringify(context), () => context, "the pending decision", 1024 * 1024);
    const hash = canonicalHash(attestation);
    await this.#run("record a pending decision", async (db, t) => {
      await db.transaction(async (tx) => {
        // Serialises recorders of one executionId so the checks below see each other's rows.
        await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
          `parmana-pending:${attestation.executionId}`,
        ]);
        const existing = await tx.query<{
          policy_id: string;
          attestation_hash: string;
          resolved: boolean;
        }>(
          `SELECT o.policy_id, o.attestation_hash,
             EXISTS (SELECT 1 FROM ${t.overrideClaims} c WHERE c.execution_id = o.execution_id) AS resolved
           FROM ${t.overrides} o WHERE o.execution_id = $1 AND o.resolution_status = 'pending'
           ORDER BY o.id DESC LIMIT 1`,
          [attestation.executionId],
        );
        const last = existing.rows[0];
        if (last !== undefined && last.attestation_hash !== hash) {
          if (last.resolved || last.policy_id !== attestation.policyId)
            throw new OverrideError(
              "SYS-028",
              `executionId ${attestation.executionId} is already recorded for a different attestation${last.resolved ? " and was resolved" : ` of policy ${last.policy_id}`}; give each business transaction its own executionId`,
              { details: { executionId: attestation.executionId } },
            );
        }
        await tx.query(
          `INSERT INTO ${t.overrides} (execution_id, execution_fingerprint, policy_id, policy_version,
             schema_version, decision, attestation_hash, resolution_status, pending_context)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, 'pending', $8::jsonb)
           ON CONFLICT (execution_id, attestation_hash) WHERE resolution_status = 'pending' DO NOTHING`,
          [
            attestation.executionId,
            attestation.execution_fingerprint,
            attestation.policyId,
            attestation.policyVersion,
            attestation.schemaVersion,
            JSON.stringify(attestation.decision),
            hash,
            JSON.stringify(context),
          ],
        );
      });
    });
  }

  /**
   * Finds a pending (or resolved) decision by executionId, or by fingerprint alone.
   *
   * @throws OverrideError `SYS-028` when a fingerprint matches several unresolved decisions; StoreError `STORE-002`, `STORE-003`
   */
  async find(reference: PendingOverrideReference): Promise<PendingOverride | undefined> {
    const executionId = reference?.executionId;
    const fingerprint = reference?.execution_fingerprint;
    if (typeof executionId !== "string" && typeof fingerprint !== "string") return undefined;
    const rows = await this.#run(
      "find a pending decision",
      async (db, t) =>
        (
          await db.query<PendingRow>(
            `SELECT DISTINCT ON (o.execution_id) o.execution_id, o.execution_fingerprint, o.policy_id,
             o.attestation_hash, o.pending_context,
             EXISTS (SELECT 1 FROM ${t.overrideClaims} c WHERE c.execution_id = o.execution_id) AS resolved
           FROM ${t.overrides} o
           WHERE o.resolution_status = 'pending'
             AND ($1::text IS NULL OR o.execution_id = $1::text)
             AND ($2::text IS NULL OR o.execution_fingerprint = $2::text)
           ORDER BY o.execution_id, o.id DESC
           LIMIT 100`,
            [
              typeof executionId === "string" ? executionId : null,
              typeof fingerprint === "string" ? fingerprint : null,
            ],
          )
        ).rows,
    );
    if (rows.length === 0) return undefined;
    let chosen: PendingRow | undefined;
    if (typeof executionId === "string") chosen = rows[0];
    else {
      const unresolved = rows.filter((row) => !row.resolved);
      if (unresolved.length > 1)
        throw new OverrideError(
          "SYS-028",
          `execution_fingerprint ${fingerprint} matches ${unresolved.length} pending decisions (${unresolved.map((r) => r.execution_id).join(", ")}); refer to one by executionId`,
          {
            details: {
              execution_fingerprint: fingerprint,
              executionIds: unresolved.map((r) => r.execution_id),
            },
          },
        );
      chosen = unresolved[0] ?? rows[rows.length - 1];
    }
    if (chosen === undefined) return undefined;
    const context = chosen.pending_context;
    const attestation = context?.attestation;
    if (
      typeof attestation !== "object" ||
      attestation === null ||
      canonicalHash(attestation) !== chosen.attestation_hash
    )
      throw new StoreError(
        "STORE-003",
        `the pending decision ${chosen.execution_id} in the overrides table does not match its recorded hash`,
        { details: { executionId: chosen.execution_id } },
      );
    return Object.freeze({
      attestation,
      signer: this.#signer,
      verifier: this.#verifier,
      ruleId: typeof context.ruleId === "string" ? context.ruleId : "",
      ...(Array.isArray(context.overrideRoles)
        ? { overrideRoles: Object.freeze([...context.overrideRoles]) }
        : {}),
      resolved: chosen.resolved,
    });
  }

  /**
   * Marks a recorded decision resolved, once: an insert guarded by a primary key.
   *
   * @returns true for the one caller that resolved it; false when already resolved or unknown
   * @throws StoreError `STORE-002`
   */
  async markResolved(executionId: string): Promise<boolean> {
    if (
      typeof executionId !== "string" ||
      executionId.length === 0 ||
      executionId.includes("\u0000")
    )
      return false;
    const result = await this.#run("mark a decision resolved", (db, t) =>
      db.query(
        `INSERT INTO ${t.overrideClaims} (execution_id)
         SELECT $1 WHERE EXISTS (SELECT 1 FROM ${t.overrides} WHERE execution_id = $1 AND resolution_status = 'pending')
         ON CONFLICT (execution_id) DO NOTHING`,
        [executionId],
      ),
    );
    return result.rowCount === 1;
  }

  /** Closes the connection when this store opened it. */
  async close(): Promise<void> {
    if (this.#store.owned) await this.#store.connection.close();
  }

  async #run<T>(
    operation: string,
    body: (db: SqlDriver, tables: AuditTables) => Promise<T>,
  ): Promise<T> {
    try {
      const db = await this.#store.connection.driver();
      return await body(db, this.#store.connection.tables);
    } catch (error) {
      if (ParmanaError.isInstance(error)) throw error;
      throw databaseError(error, operation);
    }
  }
}
