import { StoreError, type MerkleNodeId } from "@parmanasystems/core";
import type { SqlExecutor } from "../connection/driver.types.js";
import type { LogTables } from "./log-tables.js";

/**
 * Reads the hashes of complete subtrees in one query, in the order asked. Hashes travel as hex
 * text so `pg` and PGlite (which map bytea differently) read the same thing.
 *
 * @throws StoreError `STORE-082` when a node the tree size implies is missing (a damaged log)
 */
export async function readNodeHashes(
  db: SqlExecutor,
  tables: LogTables,
  nodes: readonly MerkleNodeId[],
): Promise<Uint8Array[]> {
  if (nodes.length === 0) return [];
  const result = await db.query<{ level: number; node_index: string; hash: string }>(
    `SELECT n.level, n.node_index::text AS node_index, encode(n.hash, 'hex') AS hash
       FROM ${tables.nodes} n
       JOIN unnest($1::smallint[], $2::bigint[]) AS want(level, node_index)
         ON n.level = want.level AND n.node_index = want.node_index`,
    [nodes.map((node) => node.level), nodes.map((node) => String(node.index))],
    { prepare: true },
  );
  const found = new Map(
    result.rows.map((row) => [`${row.level}:${row.node_index}`, Buffer.from(row.hash, "hex")]),
  );
  return nodes.map((node) => {
    const hash = found.get(`${node.level}:${node.index}`);
    if (hash === undefined) {
      throw new StoreError(
        "STORE-082",
        `the transparency log is missing node (level ${node.level}, index ${node.index}); its tables were damaged`,
        { details: { level: node.level, index: node.index } },
      );
    }
    return new Uint8Array(hash);
  });
}
