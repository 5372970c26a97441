import { timingSafeEqualBytes } from "../internal/node-crypto.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import { hashMerkleChildren } from "./merkle-hash.js";
import { inclusionProofSides, planConsistencyCheck } from "./internal/merkle-proof-shape.js";

function bytesEqual(a: unknown, b: unknown): boolean {
  return isUint8Array(a) && isUint8Array(b) && timingSafeEqualBytes(a, b);
}

/**
 * Recomputes the root hash that an inclusion proof leads to (RFC 9162 §2.1.3.2, steps 1-5),
 * without comparing it with anything.
 *
 * @param leafIndex - zero-based index of the leaf
 * @param treeSize - size of the tree the proof is for
 * @param leafHash - the leaf's hash ({@link hashMerkleLeaf})
 * @param proof - the audit path, nearest sibling first; every entry 32 bytes
 * @returns the root, or `undefined` when the proof cannot belong to this index and size
 *   (index out of range, wrong number of entries, an entry that is not 32 bytes)
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @example
 * ```ts
 * const root = rootFromInclusionProof(5, 8, leafHash, proof);
 * ```
 */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  const sides = inclusionProofSides(leafIndex, treeSize, leafHash, proof);
  if (sides === undefined) return undefined;
  let r = leafHash;
  sides.forEach((left, i) => {
    const p = proof[i] as Uint8Array;
    r = left ? hashMerkleChildren(p, r) : hashMerkleChildren(r, p);
  });
  return r;
}

/**
 * Checks an inclusion proof: the leaf sits at `leafIndex` of the tree of `treeSize` leaves whose
 * root is `rootHash` (RFC 9162 §2.1.3.2). A primitive: it answers false for any bad or malformed
 * input and never throws.
 *
 * @param leafIndex - zero-based index of the leaf
 * @param treeSize - size of the tree
 * @param leafHash - the leaf's hash ({@link hashMerkleLeaf})
 * @param proof - the audit path, nearest sibling first
 * @param rootHash - the expected root of the tree of `treeSize` leaves
 * @returns true when the proof leads from the leaf to the root
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @example
 * ```ts
 * verifyInclusionProof(proof.leafIndex, checkpoint.treeSize, hashMerkleLeaf(bytes), hashes, checkpoint.rootHash);
 * ```
 */
export function verifyInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  rootHash: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(leafIndex, treeSize, leafHash, proof);
  return computed !== undefined && bytesEqual(computed, rootHash);
}

/**
 * Checks a consistency proof: the tree of `size1` leaves with root `root1` is a prefix of the
 * tree of `size2` leaves with root `root2`, so the log only grew between them (RFC 9162
 * §2.1.4.2). Equal sizes need an empty proof and equal roots; a first size of 0 proves nothing
 * and is refused. A primitive: false for any bad or malformed input, never throws.
 *
 * @param size1 - the older tree size
 * @param size2 - the newer tree size
 * @param proof - the consistency path
 * @param root1 - root of the older tree
 * @param root2 - root of the newer tree
 * @returns true when the proof shows the older tree is a prefix of the newer one
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2
 * @example
 * ```ts
 * verifyConsistencyProof(old.treeSize, current.treeSize, hashes, old.rootHash, current.rootHash);
 * ```
 */
export function verifyConsistencyProof(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  const plan = planConsistencyCheck(size1, size2, proof, root1, root2);
  if ("verdict" in plan) return plan.verdict;
  let fr = plan.path[0] as Uint8Array;
  let sr = fr;
  plan.sides.forEach((left, i) => {
    const c = plan.path[i + 1] as Uint8Array;
    if (left) {
      fr = hashMerkleChildren(c, fr);
      sr = hashMerkleChildren(c, sr);
    } else {
      sr = hashMerkleChildren(sr, c);
    }
  });
  return bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
