// Property tests of the Merkle log: for random trees up to 1,000 leaves, every inclusion and
// consistency proof verifies, and any change to the logged history (a changed leaf, a reordered
// pair, a deleted or inserted entry, a truncated log) or to the proof makes verification fail.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MerkleTree,
  appendSiblingNodes,
  computeConsistencyProof,
  computeInclusionProof,
  computeTreeRoot,
  nodesCompletedByAppend,
  verifyConsistencyProof,
  verifyInclusionProof,
  type MerkleNodeId,
} from "@parmanasystems/core";

function leaves(count: number, seed: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => new TextEncoder().encode(`leaf-${seed}-${i}`));
}

function treeOf(data: readonly Uint8Array[]): MerkleTree {
  const tree = new MerkleTree();
  for (const leaf of data) tree.append(leaf);
  return tree;
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const at = Math.floor(bit / 8) % copy.length;
  copy[at] = (copy[at] as number) ^ (1 << (bit % 8));
  return copy;
}

const size = fc.integer({ min: 1, max: 1000 });
const seed = fc.integer({ min: 0, max: 1_000_000 });
const RUNS = { numRuns: 12 };

describe("inclusion proofs", () => {
  it("verify for every index of random trees up to 1,000 leaves", () => {
    fc.assert(
      fc.property(size, seed, (n, s) => {
        const tree = treeOf(leaves(n, s));
        const root = tree.rootHash();
        for (let i = 0; i < n; i++) {
          const proof = tree.inclusionProof(i);
          if (!verifyInclusionProof(i, n, tree.leafHash(i), proof, root)) return false;
        }
        return true;
      }),
      RUNS,
    );
  });

  it("verify against every earlier tree size too", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), seed, (n, s) => {
        const tree = treeOf(leaves(n, s));
        for (let m = 1; m <= n; m++) {
          const root = tree.rootHash(m);
          for (let i = 0; i < m; i++) {
            if (!verifyInclusionProof(i, m, tree.leafHash(i), tree.inclusionProof(i, m), root))
              return false;
          }
        }
        return true;
      }),
      { numRuns: 4 },
    );
  });

  it("fail for a changed leaf, at any index", () => {
    fc.assert(
      fc.property(size, seed, fc.nat(), fc.nat(), (n, s, pick, bit) => {
        const data = leaves(n, s);
        const tree = treeOf(data);
        const i = pick % n;
        const changed = flipBit(data[i] as Uint8Array, bit);
        const forged = treeOf(data.map((leaf, k) => (k === i ? changed : leaf)));
        // Neither the honest proof nor the forged tree's own proof leads from the changed leaf to
        // the honest root; and the forged tree has another root.
        return (
          !verifyInclusionProof(
            i,
            n,
            forged.leafHash(i),
            tree.inclusionProof(i),
            tree.rootHash(),
          ) &&
          !verifyInclusionProof(
            i,
            n,
            forged.leafHash(i),
            forged.inclusionProof(i),
            tree.rootHash(),
          ) &&
          Buffer.compare(forged.rootHash(), tree.rootHash()) !== 0
        );
      }),
      { numRuns: 50 },
    );
  });

  // (A wrong tree size is not in the list: sizes 9 and 10 share leaf 0's path, which is why the
  // size is bound by the signed checkpoint, not by the proof.)
  it("fail for a tampered proof: a flipped bit, a dropped, added or reordered entry, a wrong index", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 1000 }),
        seed,
        fc.nat(),
        fc.nat(),
        (n, s, pick, bit) => {
          const tree = treeOf(leaves(n, s));
          const root = tree.rootHash();
          const i = pick % n;
          const leaf = tree.leafHash(i);
          const proof = tree.inclusionProof(i);
          const j = bit % proof.length;
          const variants: Array<[number, number, Uint8Array[]]> = [
            [i, n, proof.map((h, k) => (k === j ? flipBit(h, bit) : h))],
            [i, n, proof.slice(0, -1)],
            [i, n, [...proof, root]],
            [i, n, [root, ...proof]],
            [(i + 1) % n, n, proof],
          ];
          if (proof.length >= 2) {
            const swapped = [...proof];
            [swapped[0], swapped[1]] = [swapped[1] as Uint8Array, swapped[0] as Uint8Array];
            variants.push([i, n, swapped]);
          }
          return variants.every(
            ([index, treeSize, p]) => !verifyInclusionProof(index, treeSize, leaf, p, root),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("consistency proofs", () => {
  it("verify from every earlier size of random trees up to 1,000 leaves", () => {
    fc.assert(
      fc.property(size, seed, (n, s) => {
        const tree = treeOf(leaves(n, s));
        const root = tree.rootHash();
        for (let m = 1; m <= n; m++) {
          if (!verifyConsistencyProof(m, n, tree.consistencyProof(m), tree.rootHash(m), root))
            return false;
        }
        return true;
      }),
      RUNS,
    );
  });

  // Builds the rewritten history, then checks that no proof the rewritten log can produce links
  // the auditor's saved checkpoint (size m, honest root) to it.
  function rewrittenHistoryFails(
    honest: Uint8Array[],
    rewritten: Uint8Array[],
    m: number,
  ): boolean {
    const oldRoot = treeOf(honest).rootHash(m);
    const forged = treeOf(rewritten);
    if (forged.size < m) {
      // A truncated log cannot even claim to extend the saved checkpoint.
      return (
        forged.size === 0 || !verifyConsistencyProof(m, forged.size, [], oldRoot, forged.rootHash())
      );
    }
    return !verifyConsistencyProof(
      m,
      forged.size,
      forged.consistencyProof(m),
      oldRoot,
      forged.rootHash(),
    );
  }

  const history = fc
    .tuple(fc.integer({ min: 2, max: 1000 }), seed, fc.nat(), fc.nat())
    .map(([n, s, a, b]) => {
      const m = 1 + (a % n); // the auditor saved the checkpoint at size m
      const j = b % m; // the entry the operator tampers with, inside the saved prefix
      return { data: leaves(n, s), n, m, j };
    });

  it("fail when a logged entry is changed", () => {
    fc.assert(
      fc.property(history, ({ data, m, j }) =>
        rewrittenHistoryFails(
          data,
          data.map((leaf, k) => (k === j ? flipBit(leaf, 3) : leaf)),
          m,
        ),
      ),
      { numRuns: 60 },
    );
  });

  it("fail when two logged entries swap places", () => {
    fc.assert(
      fc.property(history, ({ data, n, m, j }) => {
        const k = j + 1 < n ? j + 1 : j - 1; // the neighbour may lie just past the saved prefix
        const swapped = [...data];
        [swapped[j], swapped[k]] = [swapped[k] as Uint8Array, swapped[j] as Uint8Array];
        const lo = Math.min(j, k);
        // Only a swap that touches the saved prefix rewrites what the auditor holds.
        fc.pre(lo < m);
        return rewrittenHistoryFails(data, swapped, m);
      }),
      { numRuns: 60 },
    );
  });

  it("fail when a logged entry is deleted", () => {
    fc.assert(
      fc.property(history, ({ data, m, j }) =>
        rewrittenHistoryFails(
          data,
          data.filter((_, k) => k !== j),
          m,
        ),
      ),
      { numRuns: 60 },
    );
  });

  it("fail when an entry is inserted (backdated) into the logged history", () => {
    fc.assert(
      fc.property(history, ({ data, m, j }) => {
        const inserted = [
          ...data.slice(0, j),
          new TextEncoder().encode("backdated"),
          ...data.slice(j),
        ];
        return rewrittenHistoryFails(data, inserted, m);
      }),
      { numRuns: 60 },
    );
  });

  it("fail when the log is truncated below the saved size", () => {
    fc.assert(
      fc.property(history, ({ data, m }) => {
        fc.pre(m >= 2);
        return rewrittenHistoryFails(data, data.slice(0, m - 1), m);
      }),
      { numRuns: 60 },
    );
  });

  it("fail for a tampered proof", () => {
    fc.assert(
      fc.property(history, fc.nat(), ({ data, n, m }, bit) => {
        fc.pre(m < n);
        const tree = treeOf(data);
        const proof = tree.consistencyProof(m);
        const oldRoot = tree.rootHash(m);
        const root = tree.rootHash();
        const j = bit % proof.length;
        const variants = [
          proof.map((h, k) => (k === j ? flipBit(h, bit) : h)),
          proof.slice(0, -1),
          proof.slice(1),
          [...proof, root],
        ];
        return (
          variants.every((p) => !verifyConsistencyProof(m, n, p, oldRoot, root)) &&
          !verifyConsistencyProof(m, n, proof, root, oldRoot) &&
          !verifyConsistencyProof(n, m, proof, root, oldRoot)
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe("proofs from stored complete-subtree hashes", () => {
  // What a database does: keep only the nodes nodesCompletedByAppend returns, in batches of
  // random sizes, and answer proofs from them. Every node read is counted.
  class NodeTable {
    readonly rows = new Map<string, Uint8Array>();
    reads = 0;
    getNodeHashes(nodes: readonly MerkleNodeId[]): Uint8Array[] {
      this.reads += nodes.length;
      return nodes.map(({ level, index }) => {
        const hash = this.rows.get(`${level}:${index}`);
        if (hash === undefined) throw new Error(`missing node ${level}:${index}`);
        return hash;
      });
    }
  }

  it("equal the in-memory tree's, with O(log n) node reads", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }),
        seed,
        fc.nat(),
        async (batches, s, pick) => {
          const reference = new MerkleTree();
          const table = new NodeTable();
          let counter = 0;
          for (const count of batches) {
            const hashes: Uint8Array[] = [];
            for (let k = 0; k < count; k++) {
              reference.append(`leaf-${s}-${counter++}`);
              hashes.push(reference.leafHash(reference.size - 1));
            }
            const first = reference.size - count;
            const siblings = table.getNodeHashes(appendSiblingNodes(first, count));
            for (const node of nodesCompletedByAppend(first, hashes, siblings)) {
              table.rows.set(`${node.level}:${node.index}`, node.hash);
            }
          }
          const n = reference.size;
          const m = 1 + (pick % n);
          const i = pick % m;
          table.reads = 0;
          const inclusion = await computeInclusionProof(table, i, m);
          const consistency = await computeConsistencyProof(table, m, n);
          const root = await computeTreeRoot(table, n);
          const bound = 4 * (Math.ceil(Math.log2(n + 1)) + 1);
          expect(table.reads).toBeLessThanOrEqual(3 * bound);
          expect(inclusion).toEqual(reference.inclusionProof(i, m));
          expect(consistency).toEqual(reference.consistencyProof(m, n));
          expect(root).toEqual(reference.rootHash(n));
          // The table holds exactly the complete subtrees: 2n minus the number of set bits of n.
          const ones = n.toString(2).replace(/0/g, "").length;
          expect(table.rows.size).toBe(2 * n - ones);
        },
      ),
      { numRuns: 40 },
    );
  });
});
