import { timingSafeEqualBytes } from "../internal/node-crypto.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import { half, isOdd, isPowerOfTwo, isTreeCount } from "./internal/tree-math.js";
import { MERKLE_HASH_SIZE, hashMerkleChildren } from "./merkle-hash.js";

function isHash(value: unknown): value is Uint8Array {
  return isUint8Array(value) && value.length === MERKLE_HASH_SIZE;
}

function isHashList(value: unknown): value is readonly Uint8Array[] {
  return Array.isArray(value) && value.every(isHash);
}

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
  if (!isTreeCount(leafIndex) || !isTreeCount(treeSize) || leafIndex >= treeSize) return undefined;
  if (!isHash(leafHash) || !isHashList(proof)) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return undefined; // more entries than the path has levels
    if (isOdd(fn) || fn === sn) {
      r = hashMerkleChildren(p, r);
      // Skip the levels where this node is the lone right-edge child and so has no sibling.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashMerkleChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined; // fewer entries than levels: not a full path
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
  if (!isTreeCount(size1) || !isTreeCount(size2) || size1 === 0 || size2 < size1) return false;
  if (!Array.isArray(proof)) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (!isHashList(proof) || proof.length === 0) return false;
  // Step 2: when size1 is a power of two, the old root is itself the first node of the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  if (!isUint8Array(path[0])) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hashMerkleChildren(c, fr);
      sr = hashMerkleChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashMerkleChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
