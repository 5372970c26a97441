// Platform-neutral (no node: import): the index arithmetic of RFC 9162's proof verification,
// shared as source with @parmanasystems/verify. Which side each proof hash is combined on depends
// only on the index and the sizes, never on a hash, so the path is planned here and folded by the
// caller with its own SHA-256 (node:crypto synchronously, WebCrypto asynchronously).
import { isUint8Array } from "../../internal/is-uint8-array.js";
import { MERKLE_HASH_SIZE, half, isOdd, isPowerOfTwo, isTreeCount } from "./tree-math.js";

function isHash(value: unknown): value is Uint8Array {
  return isUint8Array(value) && value.length === MERKLE_HASH_SIZE;
}

function isHashList(value: unknown): value is readonly Uint8Array[] {
  return Array.isArray(value) && value.every(isHash);
}

/**
 * Byte equality in time that depends only on the length (roots are public, but a proof check
 * should not tell how much of a forged root matched).
 *
 * @internal
 */
export function equalBytes(a: unknown, b: unknown): boolean {
  if (!isUint8Array(a) || !isUint8Array(b) || a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++)
    difference |= (a[index] as number) ^ (b[index] as number);
  return difference === 0;
}

/**
 * For each hash of an inclusion proof, whether it is combined on the left (`true`:
 * H(0x01 ‖ proof ‖ node)) or the right (`false`: H(0x01 ‖ node ‖ proof)) of the running node
 * (RFC 9162 §2.1.3.2); undefined when the proof cannot belong to this index and size (index out
 * of range, wrong number of entries, an entry or the leaf hash not 32 bytes).
 *
 * @internal
 */
export function inclusionProofSides(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): boolean[] | undefined {
  if (!isTreeCount(leafIndex) || !isTreeCount(treeSize) || leafIndex >= treeSize) return undefined;
  if (!isHash(leafHash) || !isHashList(proof)) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  const sides: boolean[] = [];
  for (let i = 0; i < proof.length; i++) {
    if (sn === 0) return undefined; // more entries than the path has levels
    if (isOdd(fn) || fn === sn) {
      sides.push(true);
      // Skip the levels where this node is the lone right-edge child and so has no sibling.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sides.push(false);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? sides : undefined; // fewer entries than levels: not a full path
}

/**
 * How to check a consistency proof (RFC 9162 §2.1.4.2): either the verdict, decided without
 * hashing (bad sizes, equal sizes, a malformed proof), or the path (the old root first when the
 * old size is a power of two) and, for each hash after the first, whether it is combined on the
 * left of both running roots (`true`) or on the right of the second only (`false`).
 *
 * @internal
 */
export function planConsistencyCheck(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
):
  | { readonly verdict: boolean }
  | { readonly path: readonly Uint8Array[]; readonly sides: readonly boolean[] } {
  if (!isTreeCount(size1) || !isTreeCount(size2) || size1 === 0 || size2 < size1)
    return { verdict: false };
  if (!Array.isArray(proof)) return { verdict: false };
  if (size1 === size2) return { verdict: proof.length === 0 && equalBytes(root1, root2) };
  if (!isHashList(proof) || proof.length === 0) return { verdict: false };
  // Step 2: when size1 is a power of two, the old root is itself the first node of the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  if (!isUint8Array(path[0])) return { verdict: false };
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const sides: boolean[] = [];
  for (let i = 1; i < path.length; i++) {
    if (sn === 0) return { verdict: false };
    if (isOdd(fn) || fn === sn) {
      sides.push(true);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sides.push(false);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? { path, sides } : { verdict: false };
}
