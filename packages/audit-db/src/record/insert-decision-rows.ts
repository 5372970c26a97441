import { StoreError } from "@parmanasystems/core";
import type { SqlExecutor } from "../connection/driver.types.js";
import type { AuditTables } from "../connection/schema-name.js";
import type { CheckedDecision } from "./check-attestation.js";
import { appendToLog, newLeavesOf } from "../log/append-to-log.js";

/**
 * Most characters of JSON sent in one INSERT. A jsonb value holds at most 256 MiB, and its
 * binary form can take several times the text's bytes (a UTF-8 character up to 3, an array of
 * small numbers more): a batch of large records (up to 10,000 of up to `maxRecordBytes` each)
 * goes in several statements of the same transaction. A usual batch of 500 is about 1 MiB.
 */
const MAX_STATEMENT_CHARACTERS = 16 * 1024 * 1024;

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
 * one read of the rows that were already there. The batch travels as one jsonb parameter (see
 * {@link batchJson}); the row's columns are read from the attestation it stores, so they cannot
 * differ from it. The same attestation again is a duplicate; a
 * different one under a stored executionId is `STORE-004` and the transaction rolls back, so a
 * batch is all or nothing. Work that must happen in the same transaction as a decision's insert
 * (such as assigning transparency-log leaf indexes in recording order) belongs at the marked
 * point below, where the new rows' ids are known in insertion order.
 *
 * @param tx - an executor inside an open transaction
 * @param tables - the schema's table names
 * @param decisions - checked decisions, in recording order
 * @param maxStatementCharacters - most characters of JSON per INSERT (tests make it small)
 * @returns one result per input, in input order
 * @throws StoreError `STORE-004` when an executionId holds a different attestation
 */
export async function insertDecisionRows(
  tx: SqlExecutor,
  tables: AuditTables,
  decisions: readonly CheckedDecision[],
  maxStatementCharacters: number = MAX_STATEMENT_CHARACTERS,
): Promise<DecisionWrite[]> {
  if (decisions.length === 0) return [];
  const inserted: { rows: { id: string; execution_id: string }[] } = { rows: [] };
  // Usually one statement; parts in order, so ids still follow the batch.
  for (const part of batchParts(decisions, maxStatementCharacters)) {
    const result = await tx.query<{ id: string; execution_id: string }>(
      insertStatement(tables),
      [batchJson(part)],
      { prepare: true },
    );
    inserted.rows.push(...result.rows);
  }
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

// The columns are taken from the stored attestation (`a`), whose record check ran before: each
// field is there with its type, so no cast below can fail.
function insertStatement(tables: AuditTables): string {
  return `INSERT INTO ${tables.decisions} (
       execution_id, execution_fingerprint, policy_id, policy_version, schema_version,
       runtime_version, runtime_hash, decision, requires_override, execution_state, signals_hash,
       bundle_hash, signer_key_id, signature, attestation, attestation_hash, signals, executed_at)
     SELECT a->>'executionId', a->>'execution_fingerprint', a->>'policyId', a->>'policyVersion',
       a->>'schemaVersion', a->>'runtimeVersion', a->>'runtimeHash', a->'decision'->>'action',
       (a->'decision'->'requires_override')::boolean, a->>'execution_state', a->>'signalsHash',
       a->>'bundleHash', a->>'signerKeyId', a->>'signature', a, h, s, (a->>'issuedAt')::timestamptz
     FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (a jsonb, h text, s jsonb))
       WITH ORDINALITY AS batch(a, h, s, n)
     -- Ids (recording order) follow the batch's order.
     ORDER BY n
     ON CONFLICT (execution_id) DO NOTHING
     RETURNING id::text AS id, execution_id`;
}

/**
 * The batch as one JSON text,
 * `[{"a":<attestation>,"h":"<attestation hash>","s":<signals or null>}, …]` in recording order,
 * laid out around the canonical texts the checks made: nothing is serialized again or escaped
 * for an array literal. One text parameter costs the server one
 * parse, less than eighteen array parameters of 500 elements each (measured on Postgres 15).
 */
export function batchJson(decisions: readonly CheckedDecision[]): string {
  let text = "[";
  for (let index = 0; index < decisions.length; index++) {
    const { canonical, attestationHash, signalsCanonical } = decisions[index] as CheckedDecision;
    text += `${index === 0 ? "" : ","}{"a":${canonical},"h":"${attestationHash}","s":${signalsCanonical ?? "null"}}`;
  }
  return `${text}]`;
}

/**
 * The batch cut, in order, into parts whose JSON stays within `maxCharacters` (a record larger
 * than that on its own is a part by itself).
 *
 * @param decisions - checked decisions, in recording order
 * @param maxCharacters - most characters of JSON per part
 */
export function batchParts(
  decisions: readonly CheckedDecision[],
  maxCharacters: number,
): CheckedDecision[][] {
  const parts: CheckedDecision[][] = [];
  let part: CheckedDecision[] = [];
  let size = 0;
  for (const decision of decisions) {
    // The record's texts plus the member names, the hash and punctuation around them.
    const length = decision.canonical.length + (decision.signalsCanonical?.length ?? 4) + 96;
    if (part.length > 0 && size + length > maxCharacters) {
      parts.push(part);
      part = [];
      size = 0;
    }
    part.push(decision);
    size += length;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}
