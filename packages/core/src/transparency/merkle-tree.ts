import { TrustError } from "../errors/parmana-error.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import { isTreeCount } from "./internal/tree-math.js";
import { MERKLE_HASH_SIZE, hashMerkleChildren, hashMerkleLeaf } from "./merkle-hash.js";
import {
  assembleMerkleProof,
  assembleMerkleRoot,
  planConsistencyProof,
  planInclusionProof,
  planTreeRoot,
} from "./merkle-proof-plan.js";
import type { MerkleHashSource, MerkleNodeId } from "./transparency.types.js";

/**
 * An append-only RFC 9162 Merkle tree held in memory, keeping every complete subtree hash (about
 * 2n hashes for n leaves), so roots and proofs for any past size cost O(log n). The reference the
 * database-backed log is tested against, and a {@link MerkleHashSource} itself.
 *
 * @example
 * ```ts
 * const tree = new MerkleTree();
 * tree.append(canonicalize(attestation));
 * const proof = tree.inclusionProof(0);
 * verifyInclusionProof(0, tree.size, tree.leafHash(0), proof, tree.rootHash()); // true
 * ```
 */
export class MerkleTree implements MerkleHashSource {
  // levels[l][i] is the hash of complete subtree (l, i).
  readonly #levels: Uint8Array[][] = [[]];

  /** Number of leaves. */
  get size(): number {
    return (this.#levels[0] as Uint8Array[]).length;
  }

  /**
   * Appends one leaf.
   *
   * @param data - the leaf's bytes (a string is hashed as UTF-8)
   * @returns the new leaf's index
   */
  append(data: Uint8Array | string): number {
    return this.appendLeafHash(hashMerkleLeaf(data));
  }

  /**
   * Appends one leaf by its hash.
   *
   * @param leafHash - a 32-byte leaf hash ({@link hashMerkleLeaf})
   * @returns the new leaf's index
   * @throws TrustError `TRUST-089` when `leafHash` is not 32 bytes
   */
  appendLeafHash(leafHash: Uint8Array): number {
    if (!isUint8Array(leafHash) || leafHash.length !== MERKLE_HASH_SIZE) {
      throw new TrustError("TRUST-089", "a leaf hash is 32 bytes");
    }
    const index = this.size;
    let hash = leafHash;
    let at = index;
    for (let level = 0; ; level++) {
      const row = (this.#levels[level] ??= []);
      row.push(hash);
      if (at % 2 === 0) break; // a left child: its parent is not complete yet
      hash = hashMerkleChildren(row[at - 1] as Uint8Array, hash);
      at = (at - 1) / 2;
    }
    return index;
  }

  /**
   * The hash of leaf `index`.
   *
   * @throws TrustError `TRUST-089` when there is no such leaf
   */
  leafHash(index: number): Uint8Array {
    return this.#node({ level: 0, index });
  }

  /**
   * Root hash of the first `treeSize` leaves (all of them by default).
   *
   * @throws TrustError `TRUST-089` when `treeSize` exceeds the tree
   */
  rootHash(treeSize: number = this.size): Uint8Array {
    this.#checkSize(treeSize);
    const plan = planTreeRoot(treeSize);
    return assembleMerkleRoot(plan, this.getNodeHashes(plan.nodes));
  }

  /**
   * Inclusion proof of leaf `leafIndex` in the tree of `treeSize` leaves.
   *
   * @throws TrustError `TRUST-089` when out of range
   */
  inclusionProof(leafIndex: number, treeSize: number = this.size): Uint8Array[] {
    this.#checkSize(treeSize);
    const plan = planInclusionProof(leafIndex, treeSize);
    return assembleMerkleProof(plan, this.getNodeHashes(plan.nodes));
  }

  /**
   * Consistency proof from `oldSize` to `newSize` leaves.
   *
   * @throws TrustError `TRUST-089` when out of range
   */
  consistencyProof(oldSize: number, newSize: number = this.size): Uint8Array[] {
    this.#checkSize(newSize);
    const plan = planConsistencyProof(oldSize, newSize);
    return assembleMerkleProof(plan, this.getNodeHashes(plan.nodes));
  }

  /** {@link MerkleHashSource}: the stored hash of each complete subtree asked for. */
  getNodeHashes(nodes: readonly MerkleNodeId[]): Uint8Array[] {
    return nodes.map((node) => this.#node(node));
  }

  #node({ level, index }: MerkleNodeId): Uint8Array {
    const hash = this.#levels[level]?.[index];
    if (hash === undefined) {
      throw new TrustError("TRUST-089", `no complete subtree (level ${level}, index ${index})`);
    }
    return hash;
  }

  #checkSize(treeSize: number): void {
    if (!isTreeCount(treeSize) || treeSize > this.size) {
      throw new TrustError(
        "TRUST-089",
        `tree size ${String(treeSize)} is beyond the ${this.size} leaves held`,
      );
    }
  }
}
