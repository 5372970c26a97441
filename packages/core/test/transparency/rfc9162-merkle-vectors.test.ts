// RFC 9162 §2.1 Merkle hashing and proof verification against the transparency-dev/merkle vectors
// (RFC 6962 reference tree plus tampered proofs). See test/vectors/merkle/README.md.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  MerkleTree,
  emptyMerkleRoot,
  hashMerkleLeaf,
  verifyConsistencyProof,
  verifyInclusionProof,
} from "@parmanasystems/core";

const VECTORS = fileURLToPath(new URL("../vectors/merkle/", import.meta.url));

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

function load<T>(kind: string): Array<[string, T]> {
  const root = join(VECTORS, "testdata", kind);
  return filesUnder(root).map((path) => [
    path.slice(root.length + 1),
    JSON.parse(readFileSync(path, "utf8")) as T,
  ]);
}

const b64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64"));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

const reference = JSON.parse(readFileSync(join(VECTORS, "reference-tree.json"), "utf8")) as {
  leafInputsHex: string[];
  rootHashesHexBySize: string[];
};
const referenceTree = new MerkleTree();
for (const input of reference.leafInputsHex) referenceTree.append(Buffer.from(input, "hex"));

// Vectors built on the reference tree (all but single-entry/) also pin the proofs we compute.
function isReferenceRoot(size: number, root: string): boolean {
  return hex(b64(root)) === reference.rootHashesHexBySize[size];
}

const inclusion = load<InclusionVector>("inclusion");
const consistency = load<ConsistencyVector>("consistency");

describe("RFC 6962 reference tree", () => {
  it("has the published root for every size 0..8", () => {
    expect(reference.rootHashesHexBySize).toHaveLength(9);
    reference.rootHashesHexBySize.forEach((expected, size) => {
      expect(hex(referenceTree.rootHash(size))).toBe(expected);
    });
    expect(hex(emptyMerkleRoot())).toBe(reference.rootHashesHexBySize[0]);
  });
});

describe("inclusion vectors", () => {
  it("holds the copied vector set", () => {
    expect(inclusion).toHaveLength(98);
    expect(inclusion.filter(([, v]) => !v.wantErr)).toHaveLength(6);
  });

  it.each(inclusion)("%s", (_name, v) => {
    const proof = (v.proof ?? []).map(b64);
    const ok = verifyInclusionProof(v.leafIdx, v.treeSize, b64(v.leafHash), proof, b64(v.root));
    expect(ok).toBe(!v.wantErr);
    if (!v.wantErr && isReferenceRoot(v.treeSize, v.root)) {
      // Byte for byte: the proof we compute is the published one, and so is the leaf hash.
      expect(referenceTree.inclusionProof(v.leafIdx, v.treeSize).map(hex)).toEqual(proof.map(hex));
      expect(hex(referenceTree.leafHash(v.leafIdx))).toBe(hex(b64(v.leafHash)));
      expect(
        hex(hashMerkleLeaf(Buffer.from(reference.leafInputsHex[v.leafIdx] as string, "hex"))),
      ).toBe(hex(b64(v.leafHash)));
    }
  });
});

describe("consistency vectors", () => {
  it("holds the copied vector set", () => {
    expect(consistency).toHaveLength(98);
    expect(consistency.filter(([, v]) => !v.wantErr)).toHaveLength(6);
  });

  it.each(consistency)("%s", (_name, v) => {
    const proof = (v.proof ?? []).map(b64);
    const ok = verifyConsistencyProof(v.size1, v.size2, proof, b64(v.root1), b64(v.root2));
    expect(ok).toBe(!v.wantErr);
    if (!v.wantErr && v.size1 > 0 && isReferenceRoot(v.size2, v.root2)) {
      expect(referenceTree.consistencyProof(v.size1, v.size2).map(hex)).toEqual(proof.map(hex));
    }
  });
});
