import { StoreError } from "@parmanasystems/core";
import type { SqlExecutor } from "../connection/driver.types.js";
import type { AuditTables } from "../connection/schema-name.js";
import type { CheckedDecision } from "./check-attestation.js";
import { appendToLog, newLeavesOf } from "../log/append-to-log.js";

/** What happened to one decision. */
export interface DecisionWrite {
  readonly executionId: string;
  /** `"recorded"` for a new row, `"duplicate"` when the same attestation was already stored. */
  readonly status: "recorded" | "duplicate";
  /** The row's `id` (bigserial, as a string); for duplicates, the existing row's. */
  readonly id: string;
}

/**
 * THE insert path of every decision (recordDecision, recordDecisions, background mode): one
 * multi-row INSERT … ON CONFLICT (execution_id) DO NOTHING inside the caller's transaction, then
 * one read of the rows that were already there. The same attestation again is a duplicate; a
 * different one under a stored executionId is `STORE-004` and the transaction rolls back, so a
 * batch is all or nothing. Work that must happen in the same transaction as a decision's insert
 * (such as assigning transparency-log leaf indexes in recording order) belongs at the marked
 * point below, where the new rows' ids are known in insertion order.
 *
 * @param tx - an executor inside an open transaction
 * @param tables - the schema's table names
 * @param decisions - checked decisions, in recording order
 * @returns one result per input, in input order
 * @throws StoreError `STORE-004` when an executionId holds a different attestation
 */
export async function insertDecisionRows(
  tx: SqlExecutor,
  tables: AuditTables,
  decisions: readonly CheckedDecision[],
): Promise<DecisionWrite[]> {
  if (decisions.length === 0) return [];
  const columns = {
    execution_id: [] as string[],
    execution_fingerprint: [] as string[],
    policy_id: [] as string[],
    policy_version: [] as string[],
    schema_version: [] as string[],
    runtime_version: [] as string[],
    runtime_hash: [] as string[],
    decision: [] as string[],
    requires_override: [] as boolean[],
    execution_state: [] as string[],
    signals_hash: [] as string[],
    bundle_hash: [] as string[],
    signer_key_id: [] as string[],
    signature: [] as string[],
    attestation: [] as string[],
    attestation_hash: [] as string[],
    signals: [] as (string | null)[],
    executed_at: [] as string[],
  };
  for (const { attestation: a, attestationHash, canonical, signals } of decisions) {
    columns.execution_id.push(a.executionId);
    columns.execution_fingerprint.push(a.execution_fingerprint);
    columns.policy_id.push(a.policyId);
    columns.policy_version.push(a.policyVersion);
    columns.schema_version.push(a.schemaVersion);
    columns.runtime_version.push(a.runtimeVersion);
    columns.runtime_hash.push(a.runtimeHash);
    columns.decision.push(a.decision.action);
    columns.requires_override.push(a.decision.requires_override);
    columns.execution_state.push(a.execution_state);
    columns.signals_hash.push(a.signalsHash);
    columns.bundle_hash.push(a.bundleHash);
    columns.signer_key_id.push(a.signerKeyId);
    columns.signature.push(a.signature);
    columns.attestation.push(canonical);
    columns.attestation_hash.push(attestationHash);
    columns.signals.push(signals === undefined ? null : JSON.stringify(signals));
    // Well-formedness was checked before: a recorded attestation always carries issuedAt.
    columns.executed_at.push(a.issuedAt as string);
  }
  const inserted = await tx.query<{ id: string; execution_id: string }>(
    `INSERT INTO ${tables.decisions} (
       execution_id, execution_fingerprint, policy_id, policy_version, schema_version,
       runtime_version, runtime_hash, decision, requires_override, execution_state, signals_hash,
       bundle_hash, signer_key_id, signature, attestation, attestation_hash, signals, executed_at)
     SELECT * FROM unnest(
       $1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::text[], $9::boolean[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
       $15::jsonb[], $16::text[], $17::jsonb[], $18::timestamptz[])
     ON CONFLICT (execution_id) DO NOTHING
     RETURNING id::text AS id, execution_id`,
    Object.values(columns),
    { prepare: true },
  );
  const newIds = new Map(inserted.rows.map((row) => [row.execution_id, row.id]));

  // ── Same-transaction hook point: rows in `inserted.rows` (ascending id = recording order) are
  // the decisions this call added. ──
  await appendToLog(tx, tables, newLeavesOf(inserted.rows, decisions));

  const results: DecisionWrite[] = [];
  const firstInBatch = new Set<string>();
  const missing = decisions.filter((d) => !newIds.has(d.attestation.executionId));
  const stored = new Map<string, { id: string; attestation_hash: string }>();
  if (missing.length > 0) {
    const found = await tx.query<{ id: string; execution_id: string; attestation_hash: string }>(
      `SELECT id::text AS id, execution_id, attestation_hash FROM ${tables.decisions}
       WHERE execution_id = ANY($1::text[])`,
      [[...new Set(missing.map((d) => d.attestation.executionId))]],
    );
    for (const row of found.rows) stored.set(row.execution_id, row);
  }
  const insertedHash = new Map<string, string>();
  for (const decision of decisions) {
    const executionId = decision.attestation.executionId;
    const newId = newIds.get(executionId);
    if (newId !== undefined && !firstInBatch.has(executionId)) {
      firstInBatch.add(executionId);
      insertedHash.set(executionId, decision.attestationHash);
      results.push({ executionId, status: "recorded", id: newId });
      continue;
    }
    const existing =
      newId !== undefined
        ? { id: newId, attestation_hash: insertedHash.get(executionId) ?? "" }
        : stored.get(executionId);
    if (existing === undefined) {
      // Not inserted and not found: only a concurrent writer that rolled back can cause this.
      throw new StoreError(
        "STORE-058",
        `the decision ${executionId} was neither inserted nor found; retry the write`,
        { details: { executionId } },
      );
    }
    if (existing.attestation_hash !== decision.attestationHash) {
      throw new StoreError(
        "STORE-004",
        `execution ${executionId} is already recorded with a different attestation; records are never overwritten, nothing was written`,
        { details: { executionId, existingId: existing.id } },
      );
    }
    results.push({ executionId, status: "duplicate", id: existing.id });
  }
  return results;
}
