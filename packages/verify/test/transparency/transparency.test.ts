// verifyInclusion and verifyConsistency on WebCrypto: the RFC 9162 proof folding against the
// transparency-dev/merkle vectors core is tested with, and exact agreement with core's
// verifyInclusion/verifyConsistency (valid, errors, checkpoints) on a real log, tampered proofs,
// foreign checkpoints, every key form and the published signed-note vectors.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  canonicalize,
  createNoteSigner,
  ed25519PrivateKeyFromRaw,
  encodeBase64,
  exportEd25519PublicKeyRaw,
  exportPublicKeyPem,
  formatNoteVerifierKey,
  LocalSigner,
  MerkleTree,
  noteVerifierKey,
  signCheckpoint,
  verifyConsistency as coreVerifyConsistency,
  verifyInclusion as coreVerifyInclusion,
} from "@parmanasystems/core";
import { beforeAll, describe, expect, it } from "vitest";
import { TrustError, verifyConsistency, verifyInclusion } from "@parmanasystems/verify";
import { answerWithWebCrypto } from "../../src/transparency/answer-with-webcrypto.js";

const CORE_TEST = fileURLToPath(new URL("../../../core/test/vectors/", import.meta.url));
const b64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64"));

function vectors<T>(kind: string): [string, T][] {
  const root = join(CORE_TEST, "merkle", "testdata", kind);
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) =>
        statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)],
      );
  return walk(root).map((path) => [
    path.slice(root.length + 1),
    JSON.parse(readFileSync(path, "utf8")) as T,
  ]);
}

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
}
interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
}

describe("RFC 9162 proof folding with WebCrypto (transparency-dev/merkle vectors)", () => {
  const inclusion = vectors<InclusionVector>("inclusion");
  const consistency = vectors<ConsistencyVector>("consistency");

  it("holds the vector sets core is tested with", () => {
    expect(inclusion).toHaveLength(98);
    expect(consistency).toHaveLength(98);
  });

  it.each(inclusion)("inclusion %s", async (_name, v) => {
    const ok = await answerWithWebCrypto({
      kind: "merkle-inclusion",
      leafIndex: v.leafIdx,
      treeSize: v.treeSize,
      leafHash: b64(v.leafHash),
      hashes: (v.proof ?? []).map(b64),
      rootHash: b64(v.root),
    });
    expect(ok).toBe(!v.wantErr);
  });

  it.each(consistency)("consistency %s", async (_name, v) => {
    const ok = await answerWithWebCrypto({
      kind: "merkle-consistency",
      size1: v.size1,
      size2: v.size2,
      hashes: (v.proof ?? []).map(b64),
      root1: b64(v.root1),
      root2: b64(v.root2),
    });
    expect(ok).toBe(!v.wantErr);
  });
});

const ORIGIN = "audit.example.com/decisions";
const logPrivate = ed25519PrivateKeyFromRaw(new Uint8Array(32).fill(0x41));
const logPem = exportPublicKeyPem(logPrivate);
const otherPrivate = ed25519PrivateKeyFromRaw(new Uint8Array(32).fill(0x42));
const otherPem = exportPublicKeyPem(otherPrivate);
let tree: MerkleTree;
let attestations: Record<string, unknown>[];

function checkpointAt(size: number, key = logPrivate, pem = logPem, origin = ORIGIN) {
  const signer = createNoteSigner(origin, new LocalSigner(key), pem);
  return signCheckpoint({ origin, treeSize: size, rootHash: tree.rootHash(size) }, signer);
}

const inclusionProof = (index: number, size: number) => ({
  leafIndex: index,
  treeSize: size,
  hashes: tree.inclusionProof(index, size).map(encodeBase64),
});
const consistencyProof = (oldSize: number, newSize: number) => ({
  oldSize,
  newSize,
  hashes: oldSize === 0 ? [] : tree.consistencyProof(oldSize, newSize).map(encodeBase64),
});

beforeAll(() => {
  attestations = Array.from({ length: 11 }, (_, i) => ({
    executionId: `loan-app-${i}`,
    decision: { action: i % 2 === 0 ? "approve" : "reject" },
    signature: `c2lnbmF0dXJl${i}`,
  }));
  tree = new MerkleTree();
  for (const attestation of attestations) tree.append(canonicalize(attestation));
});

describe("verifyInclusion agrees with core", () => {
  it("on every index of every size, with the key as PEM, vkey, { name, publicKey } and raw bytes", async () => {
    const vkey = formatNoteVerifierKey(noteVerifierKey(ORIGIN, logPem));
    const raw = exportEd25519PublicKeyRaw(logPem);
    for (let size = 1; size <= attestations.length; size++) {
      const checkpoint = await checkpointAt(size);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size);
        const expected = coreVerifyInclusion(attestations[index], proof, checkpoint, logPem);
        expect(expected.valid).toBe(true);
        for (const key of [logPem, vkey, { name: ORIGIN, publicKey: logPem }, raw]) {
          expect(await verifyInclusion(attestations[index], proof, checkpoint, key)).toEqual(
            expected,
          );
        }
      }
    }
  });

  it("on every refusal: another attestation, index, size, key, origin, malformed proofs and notes", async () => {
    const checkpoint = await checkpointAt(8);
    const foreign = await checkpointAt(8, otherPrivate, otherPem);
    const good = inclusionProof(3, 8);
    const flipped = b64(good.hashes[0] as string);
    flipped[0] = (flipped[0] as number) ^ 1;
    const cases: [unknown, unknown, unknown, unknown][] = [
      [attestations[4], good, checkpoint, logPem], // TRUST-084
      [{ ...attestations[3], executionId: "x" }, good, checkpoint, logPem],
      [attestations[3], { ...good, leafIndex: 2 }, checkpoint, logPem],
      [attestations[3], inclusionProof(3, 7), checkpoint, logPem], // TRUST-086
      [attestations[3], good, foreign, logPem], // TRUST-082
      [attestations[3], good, checkpoint, otherPem],
      [attestations[3], good, checkpoint.replace("\n8\n", "\n9\n"), logPem],
      [
        attestations[3],
        { ...good, hashes: [encodeBase64(flipped), ...good.hashes.slice(1)] },
        checkpoint,
        logPem,
      ],
      [attestations[3], { ...good, hashes: ["not base64"] }, checkpoint, logPem], // TRUST-083
      [attestations[3], { ...good, hashes: "x" }, checkpoint, logPem],
      [attestations[3], { leafIndex: -1, treeSize: 1.5, hashes: [] }, checkpoint, logPem],
      [attestations[3], null, checkpoint, logPem],
      [{ n: 1n } as unknown, good, checkpoint, logPem], // TRUST-088
      [attestations[3], good, 42, logPem], // TRUST-080
      [attestations[3], good, "no signature\n", logPem],
      [attestations[3], good, checkpoint, "example.com+00000000+AAAA"], // TRUST-087 in the line
      [attestations[3], good, checkpoint, { name: "bad name", publicKey: logPem }],
      [attestations[3], good, checkpoint, new Uint8Array(32)], // small-order key
    ];
    for (const [attestation, proof, note, key] of cases) {
      const expected = coreVerifyInclusion(attestation, proof, note as string, key as string);
      expect(expected.valid).toBe(false);
      expect(await verifyInclusion(attestation, proof, note as string, key as string)).toEqual(
        expected,
      );
    }
  });

  it("throws TRUST-087 without a key, as core does", async () => {
    const checkpoint = await checkpointAt(2);
    expect(() =>
      coreVerifyInclusion(attestations[0], inclusionProof(0, 2), checkpoint, undefined as never),
    ).toThrow(/TRUST-087/);
    await expect(
      verifyInclusion(attestations[0], inclusionProof(0, 2), checkpoint, undefined as never),
    ).rejects.toThrow(TrustError);
  });
});

describe("verifyConsistency agrees with core", () => {
  it("on every pair of sizes of a log that only grew", async () => {
    const checkpoints = await Promise.all(
      Array.from({ length: attestations.length + 1 }, (_, size) => checkpointAt(size)),
    );
    for (let oldSize = 0; oldSize <= attestations.length; oldSize++) {
      for (let newSize = oldSize; newSize <= attestations.length; newSize++) {
        const proof = consistencyProof(oldSize, newSize);
        const args = [
          checkpoints[oldSize] as string,
          checkpoints[newSize] as string,
          proof,
          logPem,
        ] as const;
        const expected = coreVerifyConsistency(...args);
        expect(expected.valid, `${oldSize} -> ${newSize}`).toBe(true);
        expect(await verifyConsistency(...args)).toEqual(expected);
      }
    }
  });

  it("on a rewritten history, a shrunk log, another origin and malformed proofs", async () => {
    const old5 = await checkpointAt(5);
    const new9 = await checkpointAt(9);
    const rewritten = new MerkleTree();
    for (const [i, attestation] of attestations.entries())
      rewritten.append(
        canonicalize(i === 2 ? { ...attestation, executionId: "changed" } : attestation),
      );
    const signer = createNoteSigner(ORIGIN, new LocalSigner(logPrivate), logPem);
    const forked9 = await signCheckpoint(
      { origin: ORIGIN, treeSize: 9, rootHash: rewritten.rootHash(9) },
      signer,
    );
    const otherOrigin = await checkpointAt(9, logPrivate, logPem, "other.example.com/log");
    const good = consistencyProof(5, 9);
    const cases: [unknown, unknown, unknown, unknown][] = [
      [old5, forked9, good, logPem], // TRUST-085
      [new9, old5, consistencyProof(5, 9), logPem],
      [old5, otherOrigin, good, { name: ORIGIN, publicKey: logPem }], // TRUST-086
      [old5, new9, consistencyProof(4, 9), logPem],
      [old5, new9, { ...good, hashes: [] }, logPem],
      [old5, new9, { ...good, hashes: [good.hashes[0], good.hashes[0]] }, logPem],
      [old5, new9, { oldSize: "5", newSize: 9, hashes: good.hashes }, logPem], // TRUST-083
      [old5, await checkpointAt(9, otherPrivate, otherPem), good, logPem], // TRUST-082
      [await checkpointAt(0), new9, { oldSize: 0, newSize: 9, hashes: good.hashes }, logPem],
      [old5, 7, good, logPem],
    ];
    for (const [older, newer, proof, key] of cases) {
      const expected = coreVerifyConsistency(
        older as string,
        newer as string,
        proof,
        key as string,
      );
      expect(expected.valid).toBe(false);
      expect(
        await verifyConsistency(older as string, newer as string, proof, key as string),
      ).toEqual(expected);
    }
  });
});

describe("published signed-note vectors", () => {
  const notes = JSON.parse(readFileSync(join(CORE_TEST, "signed-note.json"), "utf8")) as {
    c2sp: { vkey: string; note: string };
    go: { vkey: string; note: string };
  };

  it("verify the C2SP and Go notes' signatures as core does (they are notes, not checkpoints)", async () => {
    for (const { vkey, note } of [notes.c2sp, notes.go]) {
      const expected = coreVerifyInclusion(
        {},
        { leafIndex: 0, treeSize: 1, hashes: [] },
        note,
        vkey,
      );
      // The signature verifies, so what is reported is that the text is not a checkpoint.
      expect(expected.errors[0]).toMatch(/^\[TRUST-081\]/);
      expect(
        await verifyInclusion({}, { leafIndex: 0, treeSize: 1, hashes: [] }, note, vkey),
      ).toEqual(expected);
      const altered = note.replace(/\n\n/, "\nx\n\n");
      const refused = coreVerifyInclusion(
        {},
        { leafIndex: 0, treeSize: 1, hashes: [] },
        altered,
        vkey,
      );
      expect(refused.errors[0]).toMatch(/^\[TRUST-082\]/);
      expect(
        await verifyInclusion({}, { leafIndex: 0, treeSize: 1, hashes: [] }, altered, vkey),
      ).toEqual(refused);
    }
  });
});
