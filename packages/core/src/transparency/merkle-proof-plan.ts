import { StoreError, TrustError } from "../errors/parmana-error.js";
import { isUint8Array } from "../internal/is-uint8-array.js";
import { isTreeCount, largestPowerOfTwoBelow } from "./internal/tree-math.js";
import { MERKLE_HASH_SIZE, emptyMerkleRoot, hashMerkleChildren } from "./merkle-hash.js";
import type {
  MerkleHashSource,
  MerkleNodeHash,
  MerkleNodeId,
  MerkleProofPlan,
} from "./transparency.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

type Range = readonly [start: number, end: number];

// A range [start, end) that a proof names is always aligned on the left (it comes from RFC 9162's
// recursive split), so it is a run of complete subtrees of decreasing size: at most log2(n) nodes.
function completeSubtreesOf([start, end]: Range): MerkleNodeId[] {
  const nodes: MerkleNodeId[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    let level = 0;
    while (at % (size * 2) === 0 && at + size * 2 <= end) {
      size *= 2;
      level += 1;
    }
    nodes.push({ level, index: at / size });
    at += size;
  }
  return nodes;
}

function planOf(ranges: readonly Range[]): MerkleProofPlan {
  const nodes: MerkleNodeId[] = [];
  const segments: number[] = [];
  for (const range of ranges) {
    const parts = completeSubtreesOf(range);
    nodes.push(...parts);
    segments.push(parts.length);
  }
  return { nodes, segments };
}

function outOfRange(message: string, details: Record<string, unknown>): TrustError {
  return new TrustError("TRUST-089", message, { details });
}

/**
 * Lists the complete subtrees whose hashes make up the inclusion proof of one leaf (RFC 9162
 * §2.1.3.1), so a store can read them in one query; {@link assembleMerkleProof} then turns the
 * hashes into the proof. At most about 2·log2(treeSize) nodes.
 *
 * @param leafIndex - zero-based index of the leaf
 * @param treeSize - size of the tree the proof is for
 * @returns the nodes to read and how they group into proof entries
 * @throws TrustError `TRUST-089` when the index is not below the size, or either is not a safe
 *   non-negative integer
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.1
 * @example
 * ```ts
 * const plan = planInclusionProof(5, 8);
 * const proof = assembleMerkleProof(plan, await store.readNodes(plan.nodes));
 * ```
 */
export function planInclusionProof(leafIndex: number, treeSize: number): MerkleProofPlan {
  try {
    if (!isTreeCount(leafIndex) || !isTreeCount(treeSize) || leafIndex >= treeSize) {
      throw outOfRange(
        `leaf index ${String(leafIndex)} is not in a tree of size ${String(treeSize)}`,
        {
          leafIndex,
          treeSize,
        },
      );
    }
    const ranges: Range[] = [];
    let start = 0;
    let end = treeSize;
    while (end - start > 1) {
      const k = largestPowerOfTwoBelow(end - start);
      if (leafIndex < start + k) {
        ranges.push([start + k, end]);
        end = start + k;
      } else {
        ranges.push([start, start + k]);
        start += k;
      }
    }
    // Collected from the root down; a proof lists the leaf's nearest sibling first.
    return planOf(ranges.reverse());
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-089", "planInclusionProof");
  }
}

/**
 * Lists the complete subtrees whose hashes make up the consistency proof between two tree sizes
 * (RFC 9162 §2.1.4.1). Equal sizes give an empty plan.
 *
 * @param oldSize - the older tree size, at least 1
 * @param newSize - the newer tree size, at least `oldSize`
 * @returns the nodes to read and how they group into proof entries
 * @throws TrustError `TRUST-089` when `oldSize` is 0 or above `newSize`, or either is not a safe
 *   integer
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.1
 * @example
 * ```ts
 * const plan = planConsistencyProof(saved.treeSize, current.treeSize);
 * ```
 */
export function planConsistencyProof(oldSize: number, newSize: number): MerkleProofPlan {
  try {
    if (!isTreeCount(oldSize) || !isTreeCount(newSize) || oldSize === 0 || oldSize > newSize) {
      throw outOfRange(
        `no consistency proof from tree size ${String(oldSize)} to ${String(newSize)}`,
        { oldSize, newSize },
      );
    }
    const ranges: Range[] = [];
    let start = 0;
    let end = newSize;
    let knownRoot = true; // SUBPROOF's b: the verifier already holds the root of this subtree
    while (oldSize !== end) {
      const k = largestPowerOfTwoBelow(end - start);
      if (oldSize - start <= k) {
        ranges.push([start + k, end]);
        end = start + k;
      } else {
        ranges.push([start, start + k]);
        start += k;
        knownRoot = false;
      }
    }
    if (!knownRoot && oldSize !== newSize) ranges.push([start, end]);
    return planOf(ranges.reverse());
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-089", "planConsistencyProof");
  }
}

/**
 * Lists the complete subtrees whose hashes give the root of the tree of `treeSize` leaves.
 *
 * @param treeSize - the tree size (0 gives an empty plan: the empty tree's root is fixed)
 * @returns the nodes to read, as one segment
 * @throws TrustError `TRUST-089` when `treeSize` is not a safe non-negative integer
 * @example
 * ```ts
 * const root = assembleMerkleRoot(planTreeRoot(size), hashes);
 * ```
 */
export function planTreeRoot(treeSize: number): MerkleProofPlan {
  try {
    if (!isTreeCount(treeSize)) {
      throw outOfRange(`${String(treeSize)} is not a tree size`, { treeSize });
    }
    return treeSize === 0 ? { nodes: [], segments: [] } : planOf([[0, treeSize]]);
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-089", "planTreeRoot");
  }
}

function checkedHashes(plan: MerkleProofPlan, hashes: readonly Uint8Array[]): void {
  if (!Array.isArray(hashes) || hashes.length !== plan.nodes.length) {
    throw new StoreError(
      "STORE-003",
      `the hash source returned ${Array.isArray(hashes) ? hashes.length : "no list"} hashes for ${plan.nodes.length} nodes`,
    );
  }
  hashes.forEach((hash, i) => {
    if (!isUint8Array(hash) || hash.length !== MERKLE_HASH_SIZE) {
      const node = plan.nodes[i] as MerkleNodeId;
      throw new StoreError(
        "STORE-003",
        `the hash source returned a malformed hash for node (level ${node.level}, index ${node.index})`,
        { details: { node } },
      );
    }
  });
}

/**
 * Combines the hashes read for a plan into the proof: each entry is the right fold of its
 * segment's complete subtrees (RFC 9162 MTH of an incomplete right-edge subtree).
 *
 * @param plan - from {@link planInclusionProof} or {@link planConsistencyProof}
 * @param hashes - the hashes of `plan.nodes`, in the same order
 * @returns the proof, one 32-byte hash per entry
 * @throws StoreError `STORE-003` when the hashes are not one 32-byte hash per planned node
 * @example
 * ```ts
 * const proof = assembleMerkleProof(plan, hashes);
 * ```
 */
export function assembleMerkleProof(
  plan: MerkleProofPlan,
  hashes: readonly Uint8Array[],
): Uint8Array[] {
  try {
    checkedHashes(plan, hashes);
    const proof: Uint8Array[] = [];
    let at = 0;
    for (const count of plan.segments) {
      let hash = hashes[at + count - 1] as Uint8Array;
      for (let i = at + count - 2; i >= at; i--)
        hash = hashMerkleChildren(hashes[i] as Uint8Array, hash);
      proof.push(hash);
      at += count;
    }
    return proof;
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-083", "assembleMerkleProof");
  }
}

/**
 * Combines the hashes read for {@link planTreeRoot} into the root hash.
 *
 * @param plan - from {@link planTreeRoot}
 * @param hashes - the hashes of `plan.nodes`, in the same order
 * @returns the root hash (the empty tree's for an empty plan)
 * @throws StoreError `STORE-003` when the hashes do not match the plan
 * @example
 * ```ts
 * const root = assembleMerkleRoot(plan, hashes);
 * ```
 */
export function assembleMerkleRoot(
  plan: MerkleProofPlan,
  hashes: readonly Uint8Array[],
): Uint8Array {
  try {
    return plan.segments.length === 0
      ? emptyMerkleRoot()
      : (assembleMerkleProof(plan, hashes)[0] as Uint8Array);
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-083", "assembleMerkleRoot");
  }
}

/**
 * Inclusion proof of one leaf, read from a store of complete-subtree hashes in one call.
 *
 * @param source - where the complete-subtree hashes are kept
 * @param leafIndex - zero-based index of the leaf
 * @param treeSize - size of the tree the proof is for
 * @returns the audit path, nearest sibling first
 * @throws TrustError `TRUST-089` out of range; StoreError `STORE-003` when the source misbehaves
 * @example
 * ```ts
 * const proof = await computeInclusionProof(tree, 5, 8);
 * ```
 */
export async function computeInclusionProof(
  source: MerkleHashSource,
  leafIndex: number,
  treeSize: number,
): Promise<Uint8Array[]> {
  const plan = planInclusionProof(leafIndex, treeSize);
  const hashes = await readNodeHashes(source, plan.nodes, "computeInclusionProof");
  return assembleMerkleProof(plan, hashes);
}

/**
 * Consistency proof between two tree sizes, read from a store of complete-subtree hashes in one
 * call.
 *
 * @param source - where the complete-subtree hashes are kept
 * @param oldSize - the older tree size, at least 1
 * @param newSize - the newer tree size
 * @returns the consistency path
 * @throws TrustError `TRUST-089` out of range; StoreError `STORE-003` when the source misbehaves
 * @example
 * ```ts
 * const proof = await computeConsistencyProof(tree, 3, 8);
 * ```
 */
export async function computeConsistencyProof(
  source: MerkleHashSource,
  oldSize: number,
  newSize: number,
): Promise<Uint8Array[]> {
  const plan = planConsistencyProof(oldSize, newSize);
  const hashes = await readNodeHashes(source, plan.nodes, "computeConsistencyProof");
  return assembleMerkleProof(plan, hashes);
}

/**
 * Root hash of the tree of `treeSize` leaves, read from a store of complete-subtree hashes.
 *
 * @param source - where the complete-subtree hashes are kept
 * @param treeSize - the tree size
 * @returns the 32-byte root
 * @throws TrustError `TRUST-089` bad size; StoreError `STORE-003` when the source misbehaves
 * @example
 * ```ts
 * const root = await computeTreeRoot(tree, 8);
 * ```
 */
export async function computeTreeRoot(
  source: MerkleHashSource,
  treeSize: number,
): Promise<Uint8Array> {
  const plan = planTreeRoot(treeSize);
  const hashes =
    plan.nodes.length === 0 ? [] : await readNodeHashes(source, plan.nodes, "computeTreeRoot");
  return assembleMerkleRoot(plan, hashes);
}

/**
 * Calls `source.getNodeHashes(nodes)`. A source without that method (or one whose members cannot
 * be read) is refused with `TRUST-083`; what the source itself throws or rejects with (a store
 * failure) is passed through unchanged, so the store's own codes and retryability survive.
 */
function readNodeHashes(
  source: MerkleHashSource,
  nodes: readonly MerkleNodeId[],
  functionName: string,
): readonly Uint8Array[] | Promise<readonly Uint8Array[]> {
  let read: unknown;
  try {
    read = (source as { getNodeHashes?: unknown }).getNodeHashes;
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-083", functionName);
  }
  if (typeof read !== "function") {
    throw new TrustError(
      "TRUST-083",
      `${functionName}: the hash source must have a getNodeHashes(nodes) method`,
    );
  }
  return (read as MerkleHashSource["getNodeHashes"]).call(source, nodes);
}

/**
 * The left siblings that appending leaves `firstIndex ...` needs from before the batch: the
 * complete subtrees the new leaves close. A store reads them (one query) and passes them to
 * {@link nodesCompletedByAppend}.
 *
 * @param firstIndex - index the first new leaf takes (the tree size before the append)
 * @param count - how many leaves are appended
 * @returns the existing nodes to read, at most log2 of the new size
 * @throws TrustError `TRUST-089` when the arguments are not safe non-negative integers
 * @example
 * ```ts
 * const siblings = await store.readNodes(appendSiblingNodes(size, hashes.length));
 * ```
 */
export function appendSiblingNodes(firstIndex: number, count: number): MerkleNodeId[] {
  if (!isTreeCount(firstIndex) || !isTreeCount(count) || !isTreeCount(firstIndex + count)) {
    throw outOfRange("append position out of range", { firstIndex, count });
  }
  const needed: MerkleNodeId[] = [];
  // A node (level, index) completed by the batch needs its left sibling; the sibling predates the
  // batch when it ends at or before firstIndex. Walk each level's first new right child.
  for (let level = 0, size = 1; size <= firstIndex + count; level++, size *= 2) {
    const firstNew = Math.floor(firstIndex / size);
    const lastComplete = Math.floor((firstIndex + count) / size) - 1;
    for (let index = firstNew; index <= lastComplete; index++) {
      if (index % 2 === 1 && (index - 1 + 1) * size <= firstIndex) {
        needed.push({ level, index: index - 1 });
      }
    }
  }
  return needed;
}

/**
 * Every complete subtree hash that appending `leafHashes` at `firstIndex` creates (the new leaves
 * themselves at level 0 included), to be stored beside the existing ones.
 *
 * @param firstIndex - index of the first new leaf (the tree size before the append)
 * @param leafHashes - hashes of the new leaves ({@link hashMerkleLeaf}), in order
 * @param siblingHashes - hashes of {@link appendSiblingNodes}`(firstIndex, leafHashes.length)`, in order
 * @returns the new nodes with their hashes, level by level
 * @throws StoreError `STORE-003` when `siblingHashes` do not match the nodes asked for
 * @example
 * ```ts
 * const created = nodesCompletedByAppend(size, [hashMerkleLeaf(bytes)], siblings);
 * ```
 */
export function nodesCompletedByAppend(
  firstIndex: number,
  leafHashes: readonly Uint8Array[],
  siblingHashes: readonly Uint8Array[],
): MerkleNodeHash[] {
  try {
    const siblings = appendSiblingNodes(firstIndex, leafHashes.length);
    checkedHashes({ nodes: siblings, segments: [] }, siblingHashes);
    const known = new Map<string, Uint8Array>();
    siblings.forEach((node, i) =>
      known.set(`${node.level}:${node.index}`, siblingHashes[i] as Uint8Array),
    );
    const created: MerkleNodeHash[] = [];
    leafHashes.forEach((hash, i) => {
      if (!isUint8Array(hash) || hash.length !== MERKLE_HASH_SIZE) {
        throw outOfRange("a leaf hash is not 32 bytes", { leaf: firstIndex + i });
      }
      const index = firstIndex + i;
      created.push({ level: 0, index, hash });
      known.set(`0:${index}`, hash);
    });
    const end = firstIndex + leafHashes.length;
    for (let level = 1, size = 2; size <= end; level++, size *= 2) {
      const first = Math.ceil((firstIndex + 1) / size) - 1; // first node at this level ending after firstIndex
      for (let index = Math.max(first, 0); (index + 1) * size <= end; index++) {
        const left = known.get(`${level - 1}:${index * 2}`);
        const right = known.get(`${level - 1}:${index * 2 + 1}`);
        if (left === undefined || right === undefined) {
          // Unreachable when the siblings match appendSiblingNodes; refuse rather than store a gap.
          throw new StoreError(
            "STORE-003",
            `missing child hashes for node (level ${level}, index ${index})`,
          );
        }
        const hash = hashMerkleChildren(left, right);
        known.set(`${level}:${index}`, hash);
        created.push({ level, index, hash });
      }
    }
    return created;
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-089", "nodesCompletedByAppend");
  }
}
