// verifyInclusion and verifyConsistency: the orchestrators an auditor runs on a proof file and
// saved checkpoints. Every failure is reported with its TRUST- code; nothing throws for bad input.
import { beforeAll, describe, expect, it } from "vitest";
import {
  LocalSigner,
  MerkleTree,
  TrustError,
  canonicalize,
  createNoteSigner,
  encodeBase64,
  formatNoteVerifierKey,
  generateKeyPair,
  noteVerifierKey,
  signCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type Ed25519KeyPair,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { makeKeys, samplePayload, signPayload } from "../helpers/decision-loop-fixtures.js";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const ORIGIN = "audit.example.com/decisions";
let logKey: Ed25519KeyPair;
let attestations: ExecutionAttestation[];
let tree: MerkleTree;

async function checkpointAt(
  size: number,
  key: Ed25519KeyPair = logKey,
  origin = ORIGIN,
): Promise<string> {
  const signer = createNoteSigner(origin, new LocalSigner(key.privateKeyPem), key.publicKeyPem);
  return signCheckpoint({ origin, treeSize: size, rootHash: tree.rootHash(size) }, signer);
}

function inclusionProof(
  index: number,
  size: number,
): { leafIndex: number; treeSize: number; hashes: string[] } {
  return {
    leafIndex: index,
    treeSize: size,
    hashes: tree.inclusionProof(index, size).map(encodeBase64),
  };
}

function consistencyProof(
  oldSize: number,
  newSize: number,
): { oldSize: number; newSize: number; hashes: string[] } {
  return { oldSize, newSize, hashes: tree.consistencyProof(oldSize, newSize).map(encodeBase64) };
}

beforeAll(() => {
  logKey = generateKeyPair();
  const { signer } = makeKeys();
  attestations = Array.from({ length: 13 }, (_, i) =>
    signPayload(samplePayload({ executionId: `loan-app-${i}` }), signer),
  );
  tree = new MerkleTree();
  for (const attestation of attestations) tree.append(canonicalize(attestation));
});

describe("verifyInclusion", () => {
  it("accepts every logged attestation, at every size that contains it", async () => {
    for (const size of [1, 5, 8, 13]) {
      const checkpoint = await checkpointAt(size);
      for (let i = 0; i < size; i++) {
        const result = verifyInclusion(
          attestations[i],
          inclusionProof(i, size),
          checkpoint,
          logKey.publicKeyPem,
        );
        expect(result.errors).toEqual([]);
        expect(result.valid).toBe(true);
        expect(result.leafIndex).toBe(i);
        expect(result.checkpoint?.treeSize).toBe(size);
      }
    }
  });

  it("works with the vkey form of the log key", async () => {
    const vkey = formatNoteVerifierKey(noteVerifierKey(ORIGIN, logKey.publicKeyPem));
    expect(
      verifyInclusion(attestations[3], inclusionProof(3, 13), await checkpointAt(13), vkey).valid,
    ).toBe(true);
  });

  it("refuses an attestation that differs from the logged one by one field (TRUST-084)", async () => {
    const changed = { ...attestations[4], issuedAt: "2025-12-31T23:59:59.000Z" };
    const result = verifyInclusion(
      changed,
      inclusionProof(4, 13),
      await checkpointAt(13),
      logKey.publicKeyPem,
    );
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      "[TRUST-084] the inclusion proof does not lead from this attestation at index 4 to the checkpoint's root",
    ]);
  });

  it("refuses a proof for another index, and another attestation's proof", async () => {
    const checkpoint = await checkpointAt(13);
    expect(
      verifyInclusion(
        attestations[4],
        { ...inclusionProof(4, 13), leafIndex: 5 },
        checkpoint,
        logKey.publicKeyPem,
      ).errors[0],
    ).toMatch(/^\[TRUST-084\]/);
    expect(
      verifyInclusion(attestations[4], inclusionProof(5, 13), checkpoint, logKey.publicKeyPem)
        .errors[0],
    ).toMatch(/^\[TRUST-084\]/);
  });

  it("refuses a checkpoint signed by another key, or altered (TRUST-082)", async () => {
    const forged = await checkpointAt(13, generateKeyPair());
    expect(
      verifyInclusion(attestations[0], inclusionProof(0, 13), forged, logKey.publicKeyPem),
    ).toEqual({
      valid: false,
      errors: ["[TRUST-082] the note carries no signature by a trusted key"],
      leafIndex: 0,
    });
    const altered = (await checkpointAt(13)).replace("\n13\n", "\n14\n");
    const result = verifyInclusion(
      attestations[0],
      inclusionProof(0, 13),
      altered,
      logKey.publicKeyPem,
    );
    expect(result.errors).toEqual([`[TRUST-082] the signature by ${ORIGIN} does not verify`]);
  });

  it("a log key read before (and remembered) still refuses another key's checkpoint, in every form", async () => {
    const other = generateKeyPair();
    const checkpoint = await checkpointAt(13);
    const forged = await checkpointAt(13, other);
    const refusal = {
      valid: false,
      errors: ["[TRUST-082] the note carries no signature by a trusted key"],
      leafIndex: 0,
    };
    const forms: [string, (pair: Ed25519KeyPair) => string | Uint8Array][] = [
      ["PEM", (pair) => pair.publicKeyPem],
      ["vkey", (pair) => formatNoteVerifierKey(noteVerifierKey(ORIGIN, pair.publicKeyPem))],
      ["raw bytes", (pair) => pair.publicKeyRaw.slice()],
    ];
    for (const [form, keyOf] of forms) {
      for (let round = 0; round < 3; round++) {
        const right = verifyInclusion(
          attestations[0],
          inclusionProof(0, 13),
          checkpoint,
          keyOf(logKey),
        );
        expect(right.errors, `${form}, round ${round}`).toEqual([]);
        // The right key is remembered now: the forged checkpoint must still be refused with it, and
        // the genuine one with the other key.
        expect(
          verifyInclusion(attestations[0], inclusionProof(0, 13), forged, keyOf(logKey)),
          form,
        ).toEqual(refusal);
        expect(
          verifyInclusion(attestations[0], inclusionProof(0, 13), checkpoint, keyOf(other)),
          form,
        ).toEqual(refusal);
      }
    }
    // Raw bytes are remembered by their content, not by the array: rewritten in place to another
    // key's bytes, the same array is that other key.
    const bytes = logKey.publicKeyRaw.slice();
    expect(verifyInclusion(attestations[0], inclusionProof(0, 13), checkpoint, bytes).valid).toBe(
      true,
    );
    bytes.set(other.publicKeyRaw);
    expect(verifyInclusion(attestations[0], inclusionProof(0, 13), checkpoint, bytes)).toEqual(
      refusal,
    );
    // A refused key is never remembered: the identity point (a small-order key) is refused each time.
    const identity = new Uint8Array(32);
    identity[0] = 1;
    for (let round = 0; round < 2; round++) {
      const result = verifyInclusion(attestations[0], inclusionProof(0, 13), checkpoint, identity);
      expect(result.valid).toBe(false);
      expect(result.errors[0]).toMatch(/^\[TRUST-087\]/);
    }
  });

  it("refuses a proof for another tree size than the checkpoint's (TRUST-086)", async () => {
    const result = verifyInclusion(
      attestations[0],
      inclusionProof(0, 8),
      await checkpointAt(13),
      logKey.publicKeyPem,
    );
    expect(result.errors).toEqual([
      "[TRUST-086] the proof is for tree size 8 but the checkpoint is for 13",
    ]);
  });

  it.each([
    ["no proof", undefined, /^\[TRUST-083\] the proof's leafIndex/],
    [
      "a negative index",
      { leafIndex: -1, treeSize: 13, hashes: [] },
      /^\[TRUST-083\] the proof's leafIndex/,
    ],
    [
      "a fractional size",
      { leafIndex: 0, treeSize: 12.5, hashes: [] },
      /^\[TRUST-083\] the proof's treeSize/,
    ],
    [
      "hashes not a list",
      { leafIndex: 0, treeSize: 13, hashes: "AAAA" },
      /^\[TRUST-083\] the proof's hashes are not a list/,
    ],
    [
      "a short hash",
      { leafIndex: 0, treeSize: 13, hashes: ["AAAA"] },
      /^\[TRUST-083\] proof hash 0 is not base64 of 32 bytes/,
    ],
    [
      "too many hashes",
      { leafIndex: 0, treeSize: 13, hashes: Array(129).fill(encodeBase64(new Uint8Array(32))) },
      /more than 128/,
    ],
  ])("reports a malformed proof with %s (TRUST-083)", async (_what, proof, pattern) => {
    const result = verifyInclusion(
      attestations[0],
      proof,
      await checkpointAt(13),
      logKey.publicKeyPem,
    );
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(pattern);
  });

  it("reports an attestation that is not plain JSON (TRUST-088) and a checkpoint that is not text (TRUST-080)", async () => {
    const result = verifyInclusion(
      { when: new Date(0) },
      inclusionProof(0, 13),
      await checkpointAt(13),
      logKey.publicKeyPem,
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^\[TRUST-088\] the attestation cannot be hashed as a log leaf: \[CANONICAL-003\]/,
    );
    const notText = verifyInclusion(
      attestations[0],
      inclusionProof(0, 13),
      42 as unknown as string,
      logKey.publicKeyPem,
    );
    expect(notText.errors).toEqual(["[TRUST-080] the checkpoint is not a signed note (text)"]);
  });

  it("throws only for a missing key (misuse)", async () => {
    const checkpoint = await checkpointAt(13);
    expectParmanaError(
      () =>
        verifyInclusion(
          attestations[0],
          inclusionProof(0, 13),
          checkpoint,
          undefined as unknown as string,
        ),
      "TRUST-087",
      TrustError,
      /a log key is needed/,
    );
    expect(
      verifyInclusion(attestations[0], inclusionProof(0, 13), checkpoint, "not a key").errors[0],
    ).toMatch(/^\[TRUST-087\]/);
  });
});

describe("verifyConsistency", () => {
  it("accepts every pair of sizes of a log that only grew", async () => {
    const sizes = [1, 2, 3, 7, 8, 13];
    const notes = new Map<number, string>();
    for (const size of sizes) notes.set(size, await checkpointAt(size));
    for (const a of sizes) {
      for (const b of sizes.filter((s) => s >= a)) {
        const result = verifyConsistency(
          notes.get(a)!,
          notes.get(b)!,
          consistencyProof(a, b),
          logKey.publicKeyPem,
        );
        expect(result.errors).toEqual([]);
        expect(result.valid).toBe(true);
        expect(result.oldCheckpoint?.treeSize).toBe(a);
        expect(result.newCheckpoint?.treeSize).toBe(b);
      }
    }
  });

  it("accepts an empty old checkpoint with an empty proof", async () => {
    const empty = await checkpointAt(0);
    expect(
      verifyConsistency(
        empty,
        await checkpointAt(5),
        { oldSize: 0, newSize: 5, hashes: [] },
        logKey.publicKeyPem,
      ).valid,
    ).toBe(true);
  });

  it("refuses a history where a saved entry was dropped (TRUST-085)", async () => {
    // The operator rebuilds the log without entry 2 and signs a new checkpoint over it.
    const rewritten = new MerkleTree();
    attestations.forEach((a, i) => {
      if (i !== 2) rewritten.append(canonicalize(a));
    });
    const signer = createNoteSigner(
      ORIGIN,
      new LocalSigner(logKey.privateKeyPem),
      logKey.publicKeyPem,
    );
    const newNote = await signCheckpoint(
      { origin: ORIGIN, treeSize: 12, rootHash: rewritten.rootHash() },
      signer,
    );
    const proof = {
      oldSize: 5,
      newSize: 12,
      hashes: rewritten.consistencyProof(5, 12).map(encodeBase64),
    };
    const result = verifyConsistency(await checkpointAt(5), newNote, proof, logKey.publicKeyPem);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      "[TRUST-085] the tree of 5 leaves is not a prefix of the tree of 12: entries were changed or dropped",
    ]);
  });

  it("refuses a log that shrank, and two different roots at one size", async () => {
    const shrank = verifyConsistency(
      await checkpointAt(8),
      await checkpointAt(5),
      { oldSize: 8, newSize: 5, hashes: [] },
      logKey.publicKeyPem,
    );
    expect(shrank.errors).toEqual(["[TRUST-085] the log shrank from 8 to 5 leaves"]);
    const fork = new MerkleTree();
    fork.append("another history");
    const signer = createNoteSigner(
      ORIGIN,
      new LocalSigner(logKey.privateKeyPem),
      logKey.publicKeyPem,
    );
    const forked = await signCheckpoint(
      { origin: ORIGIN, treeSize: 1, rootHash: fork.rootHash() },
      signer,
    );
    const result = verifyConsistency(
      await checkpointAt(1),
      forked,
      { oldSize: 1, newSize: 1, hashes: [] },
      logKey.publicKeyPem,
    );
    expect(result.errors[0]).toMatch(/^\[TRUST-085\]/);
  });

  it("refuses checkpoints of different logs and proofs for other sizes (TRUST-086)", async () => {
    const other = await checkpointAt(8, logKey, "audit.example.com/other");
    const key = { name: ORIGIN, publicKey: logKey.publicKeyPem };
    const otherOrigin = verifyConsistency(
      await checkpointAt(5),
      other,
      consistencyProof(5, 8),
      logKey.publicKeyPem,
    );
    expect(otherOrigin.errors).toEqual([
      '[TRUST-086] the checkpoints are from different logs ("audit.example.com/decisions" and "audit.example.com/other")',
    ]);
    // With an explicit key name, the other log's checkpoint is not even signed by a trusted key.
    expect(
      verifyConsistency(await checkpointAt(5), other, consistencyProof(5, 8), key).errors,
    ).toEqual(["[TRUST-082] the note carries no signature by a trusted key (new checkpoint)"]);
    const sizes = verifyConsistency(
      await checkpointAt(5),
      await checkpointAt(8),
      consistencyProof(4, 8),
      logKey.publicKeyPem,
    );
    expect(sizes.errors).toEqual([
      "[TRUST-086] the proof starts at size 4 but the old checkpoint is for 5",
    ]);
  });

  it("refuses a tampered proof", async () => {
    const proof = consistencyProof(5, 13);
    const flipped = {
      ...proof,
      hashes: [encodeBase64(new Uint8Array(32).fill(7)), ...proof.hashes.slice(1)],
    };
    const result = verifyConsistency(
      await checkpointAt(5),
      await checkpointAt(13),
      flipped,
      logKey.publicKeyPem,
    );
    expect(result.errors[0]).toMatch(/^\[TRUST-085\]/);
  });
});
