import {
  StoreError,
  assembleMerkleProof,
  assembleMerkleRoot,
  createNoteSigner,
  encodeBase64,
  planConsistencyProof,
  planInclusionProof,
  planTreeRoot,
  signCheckpoint,
  type ConsistencyProof,
  type InclusionProof,
  type InclusionProofBundle,
  type MerkleNodeId,
  type NoteSigner,
} from "@parmanasystems/core";
import { isValidNoteKeyName } from "@parmanasystems/core/internal";
import { auditDbConnection, type AuditDb } from "../audit-db.js";
import type { AuditConnection } from "../connection/audit-connection.js";
import type { SqlExecutor } from "../connection/driver.types.js";
import { databaseError } from "../errors/database-errors.js";
import type { AuditLogOptions, PublishedCheckpoint } from "./audit-log.types.js";
import { logTables, type LogTables } from "./log-tables.js";
import { readNodeHashes } from "./node-rows.js";

const OPTION_NAMES = new Set(["origin", "signer", "publicKey"]);

interface CheckpointRow {
  origin: string;
  tree_size: string;
  root_hash: string;
  note: string;
  published_at: Date | string;
}

/**
 * The transparency log over an audit database's decisions: every recorded decision is leaf N of
 * an RFC 9162 Merkle tree, in recording order (appended by `recordDecision` in the same
 * transaction). This class reads proofs from the stored subtree hashes (O(log n) rows per proof)
 * and publishes signed C2SP checkpoints that auditors keep and check with `verifyInclusion` /
 * `verifyConsistency` or `parmana verify inclusion|consistency`.
 *
 * @example
 * ```ts
 * const db = new AuditDb(process.env.DATABASE_URL);
 * const log = new AuditLog(db, {
 *   origin: "audit.example.com/decisions",
 *   signer: new LocalSigner(logPrivateKeyPem),
 *   publicKey: logPublicKeyPem,
 * });
 * const checkpoint = await log.publishCheckpoint(); // hand checkpoint.note to auditors
 * const proof = await log.proveDecision("claim-CLM-2024-00441"); // what `parmana audit prove` writes
 * ```
 */
export class AuditLog {
  readonly #connection: AuditConnection;
  readonly #origin: string;
  readonly #signer: NoteSigner | undefined;

  /**
   * @param db - the audit database whose decisions the log covers
   * @param options - `origin`, and `signer` + `publicKey` to publish checkpoints
   * @throws StoreError `STORE-001` for an unknown option or an invalid origin; TrustError
   *   `TRUST-087` for a signer or key that is not Ed25519
   */
  constructor(db: AuditDb, options: AuditLogOptions) {
    if (options === null || typeof options !== "object") {
      throw new StoreError("STORE-001", "AuditLog needs options { origin, signer?, publicKey? }");
    }
    const unknown = Object.keys(options).filter((key) => !OPTION_NAMES.has(key));
    if (unknown.length > 0) {
      throw new StoreError(
        "STORE-001",
        `AuditLog has no option ${JSON.stringify(unknown[0])}; known: origin, signer, publicKey`,
      );
    }
    if (!isValidNoteKeyName(options.origin)) {
      throw new StoreError(
        "STORE-001",
        "option origin must be a non-empty name without spaces or '+', e.g. audit.example.com/decisions",
      );
    }
    if ((options.signer === undefined) !== (options.publicKey === undefined)) {
      throw new StoreError("STORE-001", "give signer and publicKey together");
    }
    const connection = auditDbConnection(db);
    if (connection === undefined) {
      throw new StoreError("STORE-001", "AuditLog needs an AuditDb as its first argument");
    }
    this.#connection = connection;
    this.#origin = options.origin;
    this.#signer =
      options.signer === undefined || options.publicKey === undefined
        ? undefined
        : createNoteSigner(options.origin, options.signer, options.publicKey);
  }

  /** The log's origin (checkpoint first line and key name). */
  get origin(): string {
    return this.#origin;
  }

  /**
   * Number of decisions in the log.
   *
   * @throws StoreError `STORE-002` unreachable, `STORE-082` damaged log
   */
  async getTreeSize(): Promise<number> {
    return this.#read("read the log size", (db, log) => treeSize(db, log));
  }

  /**
   * Root hash of the first `treeSize` leaves (the whole log by default).
   *
   * @returns 32 bytes
   * @throws StoreError `STORE-081` size beyond the log, `STORE-082`, `STORE-002`
   */
  async getRootHash(treeSize?: number): Promise<Uint8Array> {
    return this.#read("read the log root", async (db, log) => {
      const size = await checkedSize(db, log, treeSize);
      return rootHash(db, log, size);
    });
  }

  /**
   * Inclusion proof of a decision in the tree of `treeSize` leaves (the current size by default),
   * read from O(log n) stored hashes.
   *
   * @param executionId - the decision's executionId
   * @param treeSize - a size at or after the decision was logged (a checkpoint's size)
   * @returns `{ leafIndex, treeSize, hashes }` (hashes standard base64)
   * @throws StoreError `STORE-080` decision not in the log, `STORE-081` size out of range, `STORE-082`, `STORE-002`
   */
  async getInclusionProof(executionId: string, treeSize?: number): Promise<InclusionProof> {
    return this.#read(`prove inclusion of ${String(executionId)}`, async (db, log) => {
      // One round trip: the leaf's index, the log's size and every stored hash the proof can need.
      const { leafIndex, current, nodes } = await inclusionRows(db, log, executionId, treeSize);
      const size = sizeWithin(current, treeSize);
      if (leafIndex >= size) {
        throw new StoreError(
          "STORE-081",
          `decision ${executionId} is leaf ${leafIndex}, not in the first ${size} leaves`,
          { details: { executionId, leafIndex, treeSize: size } },
        );
      }
      const plan = planInclusionProof(leafIndex, size);
      const hashes = assembleMerkleProof(
        plan,
        plan.nodes.map((node) => nodeHash(nodes, node)),
      );
      return { leafIndex, treeSize: size, hashes: hashes.map(encodeBase64) };
    });
  }

  /**
   * Consistency proof from `oldSize` to `newSize` leaves (the current size by default): what an
   * auditor holding a checkpoint of `oldSize` needs to check that the log only grew.
   *
   * @returns `{ oldSize, newSize, hashes }` (hashes standard base64)
   * @throws StoreError `STORE-081` sizes out of range, `STORE-082`, `STORE-002`
   */
  async getConsistencyProof(oldSize: number, newSize?: number): Promise<ConsistencyProof> {
    return this.#read("prove consistency", async (db, log) => {
      const to = await checkedSize(db, log, newSize);
      if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > to) {
        throw new StoreError(
          "STORE-081",
          `no consistency proof from size ${String(oldSize)} to ${to}`,
          { details: { oldSize, newSize: to } },
        );
      }
      if (oldSize === 0 || oldSize === to) return { oldSize, newSize: to, hashes: [] };
      const plan = planConsistencyProof(oldSize, to);
      const hashes = assembleMerkleProof(plan, await readNodeHashes(db, log, plan.nodes));
      return { oldSize, newSize: to, hashes: hashes.map(encodeBase64) };
    });
  }

  /**
   * Signs a checkpoint of the log as it is now and stores it (publishing the same size again
   * returns the stored checkpoint).
   *
   * @returns the published checkpoint; hand `note` to auditors and witnesses
   * @throws StoreError `STORE-083` no signer configured, `STORE-082`, `STORE-002`; TrustError `TRUST-087` a signer with the wrong key
   */
  async publishCheckpoint(): Promise<PublishedCheckpoint> {
    const signer = this.#signer;
    if (signer === undefined) {
      throw new StoreError(
        "STORE-083",
        "publishing a checkpoint needs the log's signer: new AuditLog(db, { origin, signer, publicKey })",
      );
    }
    return this.#read("publish a checkpoint", async (db, log) => {
      const size = await treeSize(db, log);
      const root = await rootHash(db, log, size);
      const note = await signCheckpoint(
        { origin: this.#origin, treeSize: size, rootHash: root },
        signer,
      );
      await db.query(
        `INSERT INTO ${log.checkpoints} (origin, tree_size, root_hash, note)
         VALUES ($1, $2, decode($3, 'hex'), $4) ON CONFLICT (origin, tree_size) DO NOTHING`,
        [this.#origin, String(size), Buffer.from(root).toString("hex"), note],
      );
      const stored = await selectCheckpoint(db, log, this.#origin, size);
      if (stored === null)
        throw new StoreError("STORE-082", "the published checkpoint was not stored");
      return stored;
    });
  }

  /**
   * A stored checkpoint: the one of `treeSize`, or the latest.
   *
   * @returns the checkpoint, or null when none was published (at that size)
   * @throws StoreError `STORE-002`
   */
  async getCheckpoint(treeSize?: number): Promise<PublishedCheckpoint | null> {
    return this.#read("read a checkpoint", (db, log) =>
      selectCheckpoint(db, log, this.#origin, treeSize),
    );
  }

  /**
   * Everything a third party needs to check that a decision is in the log: the stored
   * attestation, its inclusion proof, and a signed checkpoint covering it (the latest one;
   * with a signer configured, a new checkpoint is published when none covers the decision yet).
   *
   * @param executionId - the decision's executionId
   * @returns the proof file `parmana verify inclusion` checks
   * @throws StoreError `STORE-080` not in the log, `STORE-084` no checkpoint covers it and no signer, `STORE-082`, `STORE-002`
   */
  async proveDecision(executionId: string): Promise<InclusionProofBundle> {
    const leafIndex = await this.#read("find a decision in the log", (db, log) =>
      leafIndexOf(db, log, executionId),
    );
    let checkpoint = await this.getCheckpoint();
    if (checkpoint === null || checkpoint.treeSize <= leafIndex) {
      if (this.#signer === undefined) {
        throw new StoreError(
          "STORE-084",
          `no published checkpoint covers decision ${executionId} (leaf ${leafIndex}) yet; publish one first`,
          { details: { executionId, leafIndex } },
        );
      }
      checkpoint = await this.publishCheckpoint();
    }
    const proof = await this.getInclusionProof(executionId, checkpoint.treeSize);
    const attestation = await this.#read("read the attestation", async (db) => {
      const result = await db.query<{ attestation: unknown }>(
        `SELECT attestation FROM ${this.#connection.tables.decisions} WHERE execution_id = $1`,
        [executionId],
      );
      const value = result.rows[0]?.attestation;
      return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
    });
    return { type: "parmana.inclusion-proof/v1", attestation, proof, checkpoint: checkpoint.note };
  }

  async #read<T>(
    operation: string,
    run: (db: SqlExecutor, log: LogTables) => Promise<T>,
  ): Promise<T> {
    const connection = this.#connection;
    const db = await connection.driver();
    try {
      return await run(db, logTables(connection.tables));
    } catch (error) {
      throw databaseError(error, operation);
    }
  }
}

async function treeSize(db: SqlExecutor, log: LogTables): Promise<number> {
  const result = await db.query<{ tree_size: string }>(
    `SELECT tree_size::text AS tree_size FROM ${log.state} WHERE id`,
    [],
    { prepare: true },
  );
  const row = result.rows[0];
  if (row === undefined)
    throw new StoreError("STORE-082", "the transparency log's state row is missing");
  return Number(row.tree_size);
}

async function checkedSize(
  db: SqlExecutor,
  log: LogTables,
  requested: number | undefined,
): Promise<number> {
  return sizeWithin(await treeSize(db, log), requested);
}

function sizeWithin(current: number, requested: number | undefined): number {
  if (requested === undefined) return current;
  if (!Number.isSafeInteger(requested) || requested < 0 || requested > current) {
    throw new StoreError(
      "STORE-081",
      `tree size ${String(requested)} is not a size the log has had (it holds ${current} decisions)`,
      { details: { treeSize: requested, current } },
    );
  }
  return requested;
}

async function rootHash(db: SqlExecutor, log: LogTables, size: number): Promise<Uint8Array> {
  const plan = planTreeRoot(size);
  return assembleMerkleRoot(plan, await readNodeHashes(db, log, plan.nodes));
}

async function leafAndSize(
  db: SqlExecutor,
  log: LogTables,
  executionId: string,
): Promise<{ leafIndex: number; current: number }> {
  checkExecutionId(executionId);
  const result = await db.query<{ leaf_index: string | null; tree_size: string | null }>(
    `SELECT (SELECT leaf_index::text FROM ${log.leaves} WHERE execution_id = $1) AS leaf_index,
            (SELECT tree_size::text FROM ${log.state} WHERE id) AS tree_size`,
    [executionId],
    { prepare: true },
  );
  return leafAndSizeOf(result.rows[0], executionId);
}

/**
 * The leaf's index, the log's size, and the stored hashes an inclusion proof of that leaf in the
 * tree of `requested` leaves (the current size when undefined) is made of, in one query. The
 * candidates are the complete siblings along the leaf's path and the complete subtrees that
 * make up the tree's right edge (its size's binary digits): every node an RFC 9162 inclusion
 * proof combines is one of them.
 */
async function inclusionRows(
  db: SqlExecutor,
  log: LogTables,
  executionId: string,
  requested: number | undefined,
): Promise<{ leafIndex: number; current: number; nodes: Map<string, Uint8Array> }> {
  checkExecutionId(executionId);
  const size =
    requested === undefined || !Number.isSafeInteger(requested) || requested < 0
      ? null
      : String(requested);
  const result = await db.query<{
    leaf_index: string | null;
    tree_size: string | null;
    nodes: string[] | null;
  }>(
    `SELECT l.leaf_index::text AS leaf_index, s.tree_size::text AS tree_size,
            (SELECT array_agg(c.lv || ':' || c.idx || ':' || encode(h.hash, 'hex'))
               FROM (SELECT lv, (l.leaf_index >> lv) # 1
                       FROM generate_series(0, 52) AS lv
                      WHERE (((l.leaf_index >> lv) # 1) + 1) << lv <= COALESCE($2::bigint, s.tree_size)
                     UNION ALL
                     SELECT lv, (COALESCE($2::bigint, s.tree_size) >> lv) - 1
                       FROM generate_series(0, 52) AS lv
                      WHERE (COALESCE($2::bigint, s.tree_size) >> lv) & 1 = 1) AS c(lv, idx),
                    -- LATERAL: one primary-key lookup per candidate, never a scan of the nodes.
                    LATERAL (SELECT n.hash FROM ${log.nodes} n
                              WHERE n.level = c.lv AND n.node_index = c.idx) AS h) AS nodes
       -- LIMIT 1: the planner's estimate for the one-row state table must stay at one row, or
       -- the plan looks expensive enough to be JIT-compiled (tens of ms) on every call.
       FROM (SELECT tree_size FROM ${log.state} WHERE id LIMIT 1) s
       LEFT JOIN ${log.leaves} l ON l.execution_id = $1`,
    [executionId, size],
    { prepare: true },
  );
  const row = result.rows[0];
  const { leafIndex, current } = leafAndSizeOf(row, executionId);
  const nodes = new Map<string, Uint8Array>();
  for (const entry of row?.nodes ?? []) {
    const [level, index, hex] = entry.split(":");
    nodes.set(`${level}:${index}`, new Uint8Array(Buffer.from(hex ?? "", "hex")));
  }
  return { leafIndex, current, nodes };
}

function nodeHash(nodes: ReadonlyMap<string, Uint8Array>, node: MerkleNodeId): Uint8Array {
  const hash = nodes.get(`${node.level}:${node.index}`);
  if (hash === undefined) {
    throw new StoreError(
      "STORE-082",
      `the transparency log is missing node (level ${node.level}, index ${node.index}); its tables were damaged`,
      { details: { level: node.level, index: node.index } },
    );
  }
  return hash;
}

function checkExecutionId(executionId: unknown): void {
  if (typeof executionId !== "string" || executionId.length === 0) {
    throw new StoreError("STORE-080", "an executionId is a non-empty string");
  }
}

function leafAndSizeOf(
  row: { leaf_index: string | null; tree_size: string | null } | undefined,
  executionId: string,
): { leafIndex: number; current: number } {
  if (row?.tree_size === null || row?.tree_size === undefined) {
    throw new StoreError("STORE-082", "the transparency log's state row is missing");
  }
  if (row.leaf_index === null) {
    throw new StoreError("STORE-080", `decision ${executionId} is not in the transparency log`, {
      details: { executionId },
    });
  }
  return { leafIndex: Number(row.leaf_index), current: Number(row.tree_size) };
}

async function leafIndexOf(db: SqlExecutor, log: LogTables, executionId: string): Promise<number> {
  return (await leafAndSize(db, log, executionId)).leafIndex;
}

async function selectCheckpoint(
  db: SqlExecutor,
  log: LogTables,
  origin: string,
  size: number | undefined,
): Promise<PublishedCheckpoint | null> {
  const result = await db.query<CheckpointRow>(
    // Ordered by the bigint column, not the text alias (where "5" sorts after "23").
    `SELECT c.origin, c.tree_size::text AS tree_size, encode(c.root_hash, 'base64') AS root_hash,
            c.note, c.published_at
       FROM ${log.checkpoints} c
      WHERE c.origin = $1 AND ($2::bigint IS NULL OR c.tree_size = $2::bigint)
      ORDER BY c.tree_size DESC LIMIT 1`,
    [origin, size === undefined ? null : String(size)],
  );
  const row = result.rows[0];
  if (row === undefined) return null;
  return {
    origin: row.origin,
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    note: row.note,
    publishedAt: new Date(row.published_at).toISOString(),
  };
}
