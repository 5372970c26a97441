import {
  StoreError,
  appendSiblingNodes,
  canonicalize,
  hashMerkleLeaf,
  nodesCompletedByAppend,
} from "@parmanasystems/core";
import type { SqlExecutor } from "../connection/driver.types.js";
import type { AuditTables } from "../connection/schema-name.js";
import { logTables, type LogTables } from "./log-tables.js";
import { readNodeHashes } from "./node-rows.js";

/** A decision row just inserted, to become a leaf. */
export interface NewLeaf {
  /** `audit_decisions.id`, as text. */
  readonly decisionId: string;
  readonly executionId: string;
  /** The attestation exactly as stored; the leaf is its canonical bytes. */
  readonly attestation: unknown;
  /** Its RFC 8785 text when the caller already has it (saves canonicalizing twice). */
  readonly canonical?: string;
}

interface StateRow {
  tree_size: string;
  pending_backfill: boolean;
}

/**
 * Appends decisions to the transparency log inside the transaction that inserted them. Locking
 * the state row (the counter) serializes appenders: indexes are gapless and unique, and a
 * rollback returns them. Decisions recorded before the log existed are appended first, once.
 *
 * @param tx - the executor of the open transaction that inserted the decisions
 * @param tables - the audit schema's tables
 * @param leaves - the new decision rows, in recording order
 * @returns the first leaf index given to `leaves`
 * @throws StoreError `STORE-082` when the log's state or nodes are damaged
 */
export async function appendToLog(
  tx: SqlExecutor,
  tables: AuditTables,
  leaves: readonly NewLeaf[],
): Promise<number> {
  const log = logTables(tables);
  const state = await tx.query<StateRow>(
    `SELECT tree_size::text AS tree_size, pending_backfill FROM ${log.state} WHERE id FOR UPDATE`,
    [],
    { prepare: true },
  );
  const row = state.rows[0];
  if (row === undefined) {
    throw new StoreError("STORE-082", "the transparency log's state row is missing");
  }
  let size = Number(row.tree_size);
  if (row.pending_backfill) {
    const fresh = new Set(leaves.map((leaf) => leaf.decisionId));
    const older = (await unloggedDecisions(tx, tables, log)).filter(
      (d) => !fresh.has(d.decisionId),
    );
    size = await appendLeaves(tx, log, size, older);
  }
  if (leaves.length === 0) return size;
  await appendLeaves(tx, log, size, leaves);
  return size;
}

// One read of the stored siblings the new subtrees need, then one statement that writes the
// leaves, every subtree hash the batch completes (computed here, in memory) and the new size:
// three round trips per batch, whatever its length.
async function appendLeaves(
  tx: SqlExecutor,
  log: LogTables,
  size: number,
  leaves: readonly NewLeaf[],
): Promise<number> {
  if (leaves.length === 0) {
    await tx.query(`UPDATE ${log.state} SET pending_backfill = false WHERE id`);
    return size;
  }
  const hashes = leaves.map((leaf) =>
    hashMerkleLeaf(leaf.canonical ?? canonicalize(leaf.attestation)),
  );
  const siblings = await readNodeHashes(tx, log, appendSiblingNodes(size, leaves.length));
  const nodes = nodesCompletedByAppend(size, hashes, siblings);
  const next = size + leaves.length;
  await tx.query(
    `WITH new_leaves AS (
       INSERT INTO ${log.leaves} (leaf_index, decision_id, execution_id)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[])
     ), new_nodes AS (
       INSERT INTO ${log.nodes} (level, node_index, hash)
       SELECT level, node_index, decode(hash, 'hex')
         FROM unnest($4::smallint[], $5::bigint[], $6::text[]) AS t(level, node_index, hash)
     )
     UPDATE ${log.state} SET tree_size = $7, pending_backfill = false WHERE id`,
    [
      leaves.map((_, i) => String(size + i)),
      leaves.map((leaf) => leaf.decisionId),
      leaves.map((leaf) => leaf.executionId),
      nodes.map((node) => node.level),
      nodes.map((node) => String(node.index)),
      nodes.map((node) => Buffer.from(node.hash).toString("hex")),
      String(next),
    ],
    { prepare: true },
  );
  return next;
}

// Decisions without a leaf, oldest first: only those recorded before migration 0100.
async function unloggedDecisions(
  tx: SqlExecutor,
  tables: AuditTables,
  log: LogTables,
): Promise<NewLeaf[]> {
  const result = await tx.query<{ id: string; execution_id: string; attestation: unknown }>(
    `SELECT d.id::text AS id, d.execution_id, d.attestation
       FROM ${tables.decisions} d
      WHERE NOT EXISTS (SELECT 1 FROM ${log.leaves} l WHERE l.decision_id = d.id)
      ORDER BY d.id`,
  );
  return result.rows.map((r) => ({
    decisionId: r.id,
    executionId: r.execution_id,
    attestation:
      typeof r.attestation === "string" ? (JSON.parse(r.attestation) as unknown) : r.attestation,
  }));
}

/**
 * The decisions an INSERT ... RETURNING added, as leaves in recording order (ascending id).
 *
 * @param inserted - the RETURNING rows (`id`, `execution_id`)
 * @param decisions - the batch (attestation and its canonical text), in input order
 */
export function newLeavesOf(
  inserted: readonly { readonly id: string; readonly execution_id: string }[],
  decisions: readonly {
    readonly attestation: { readonly executionId: string };
    readonly canonical: string;
  }[],
): NewLeaf[] {
  // The first attestation of an execution id in the batch is the one the INSERT stored.
  const byId = new Map<string, { attestation: unknown; canonical: string }>();
  for (const decision of decisions) {
    if (!byId.has(decision.attestation.executionId))
      byId.set(decision.attestation.executionId, decision);
  }
  return [...inserted]
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0))
    .map((row) => {
      const decision = byId.get(row.execution_id);
      return {
        decisionId: row.id,
        executionId: row.execution_id,
        attestation: decision?.attestation,
        ...(decision === undefined ? {} : { canonical: decision.canonical }),
      };
    });
}
