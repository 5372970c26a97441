// The transparency log inside the audit database, on real Postgres and on PGlite. What the core
// unit tests cannot show: leaf indexes assigned in the recording transaction stay gapless and
// unique with 8 concurrent writers and rolled-back batches; proofs read from the stored subtree
// hashes verify with core's verifiers; an auditor's saved checkpoint proves later that the log
// only grew; and the log tables refuse edits.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import {
  LocalSigner,
  MerkleTree,
  StoreError,
  canonicalize,
  generateKeyPair,
  hashMerkleLeaf,
  verifyConsistency,
  verifyInclusion,
  verifyInclusionProof,
  type Ed25519KeyPair,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { decodeBase64Strict } from "@parmanasystems/core/internal";
import { AuditLog, type AuditDb } from "@parmanasystems/audit-db";
import { claimSignals, claimsIssuer, type DecidedClaim } from "../helpers/claims.js";
import { forEachEngine, type OpenedDb } from "../helpers/databases.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const ORIGIN = "audit.example.com/claims";
const WRITERS = 8;
const PER_WRITER = 12;
const issuer = claimsIssuer();
let claims: DecidedClaim[] = [];
let logKey: Ed25519KeyPair;

beforeAll(async () => {
  logKey = generateKeyPair();
  claims = [];
  for (let i = 0; i < WRITERS * PER_WRITER; i++) {
    claims.push(await issuer.decide(`claim-${i}`, claimSignals(i)));
  }
});
afterAll(() => {
  claims = [];
});

function auditLog(db: AuditDb, signed = true): AuditLog {
  return signed
    ? new AuditLog(db, {
        origin: ORIGIN,
        signer: new LocalSigner(logKey.privateKeyPem),
        publicKey: logKey.publicKeyPem,
      })
    : new AuditLog(db, { origin: ORIGIN });
}

function bytes(base64: string): Uint8Array {
  const decoded = decodeBase64Strict(base64);
  if (decoded === undefined) throw new Error(`not base64: ${base64}`);
  return decoded;
}

/** The log as the database holds it: execution ids by leaf index, and the reference tree. */
async function leavesInOrder(opened: OpenedDb): Promise<{ ids: string[]; tree: MerkleTree }> {
  const { rows } = await opened.superuser(
    `SELECT l.leaf_index::int AS leaf_index, l.execution_id, d.attestation
       FROM "${opened.schema}".audit_log_leaves l JOIN "${opened.schema}".audit_decisions d ON d.id = l.decision_id
      ORDER BY l.leaf_index`,
  );
  const tree = new MerkleTree();
  rows.forEach((row, i) => {
    expect(row.leaf_index).toBe(i); // gapless from 0
    tree.append(canonicalize(row.attestation));
  });
  return { ids: rows.map((row) => row.execution_id as string), tree };
}

forEachEngine("transparency log", (engine) => {
  let opened: OpenedDb;
  // Starting the embedded engine (initdb) takes seconds, longer on a loaded machine: do it here,
  // under its own deadline, rather than inside the first test's.
  beforeAll(async () => {
    const warm = await engine.open();
    await warm.db.migrate();
    await warm.dispose();
  }, 180_000);
  afterEach(async () => {
    await opened?.dispose();
  });

  it("makes every recorded decision a leaf in recording order; proofs from stored hashes verify", async () => {
    opened = await engine.open();
    const log = auditLog(opened.db);
    expect(await log.getTreeSize()).toBe(0);
    await opened.db.recordDecision(claims[0]!.attestation);
    await opened.db.recordDecisions(claims.slice(1, 6).map(({ attestation }) => ({ attestation })));
    await opened.db.recordDecision(claims[6]!.attestation);
    await opened.db.recordDecision(claims[3]!.attestation); // a duplicate adds no leaf
    expect(await log.getTreeSize()).toBe(7);
    const { ids, tree } = await leavesInOrder(opened);
    expect(ids).toEqual(claims.slice(0, 7).map((c) => c.attestation.executionId));
    expect(Buffer.from(await log.getRootHash()).equals(Buffer.from(tree.rootHash()))).toBe(true);
    for (let size = 1; size <= 7; size++) {
      const root = await log.getRootHash(size);
      for (let i = 0; i < size; i++) {
        const proof = await log.getInclusionProof(`claim-${i}`, size);
        expect(proof.leafIndex).toBe(i);
        expect(proof.treeSize).toBe(size);
        const leaf = hashMerkleLeaf(canonicalize(claims[i]!.attestation));
        expect(verifyInclusionProof(i, size, leaf, proof.hashes.map(bytes), root)).toBe(true);
      }
    }
  });

  it(`assigns gapless, unique leaf indexes to ${WRITERS} concurrent writers, rolled-back batches included`, async () => {
    opened = await engine.open();
    await opened.db.migrate();
    const writers = Array.from({ length: WRITERS }, () => opened.another());
    const rolledBack: unknown[] = [];
    const outcomes = await Promise.allSettled(
      writers.map(async (db, w) => {
        const mine = claims.filter((_, i) => i % WRITERS === w);
        for (let k = 0; k < mine.length; k += 3) {
          const batch = mine.slice(k, k + 3).map(({ attestation }) => ({ attestation }));
          // First, the same batch plus a different attestation under its first executionId: the
          // batch fails with STORE-004 and rolls back whole, and its leaf indexes must not leave a gap.
          const first = batch[0]!.attestation;
          const other = claims[first.executionId === "claim-0" ? 1 : 0]!.attestation;
          const clash: ExecutionAttestation = { ...first, signature: other.signature };
          await db
            .recordDecisions([...batch, { attestation: clash }])
            .catch((error: unknown) => rolledBack.push(error));
          await db.recordDecisions(batch);
        }
      }),
    );
    expect(rolledBack).toHaveLength(WRITERS * Math.ceil(PER_WRITER / 3));
    for (const error of rolledBack) expect(error).toMatchObject({ code: "STORE-004" });
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    const log = auditLog(opened.db);
    const { ids, tree } = await leavesInOrder(opened);
    expect(ids).toHaveLength(claims.length);
    expect(new Set(ids).size).toBe(claims.length);
    expect([...ids].sort()).toEqual(claims.map((c) => c.attestation.executionId).sort());
    expect(await log.getTreeSize()).toBe(claims.length);
    expect(Buffer.from(await log.getRootHash()).equals(Buffer.from(tree.rootHash()))).toBe(true);
    // Proofs read in one query equal the reference tree's, byte for byte, for every leaf of
    // complete, ragged and current sizes.
    for (const size of [1, 2, 3, 37, 64, 65, claims.length - 1, claims.length]) {
      for (let i = 0; i < size; i++) {
        const proof = await log.getInclusionProof(
          ids[i]!,
          size === claims.length ? undefined : size,
        );
        expect(proof).toMatchObject({ leafIndex: i, treeSize: size });
        expect(proof.hashes).toEqual(
          tree.inclusionProof(i, size).map((hash) => Buffer.from(hash).toString("base64")),
        );
      }
    }
    // Every decision row has exactly one leaf.
    const { rows } = await opened.superuser(
      `SELECT count(*)::int AS n FROM "${opened.schema}".audit_decisions d
        WHERE NOT EXISTS (SELECT 1 FROM "${opened.schema}".audit_log_leaves l WHERE l.decision_id = d.id)`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("lets an auditor's saved checkpoint prove later that the log only grew", async () => {
    opened = await engine.open();
    const log = auditLog(opened.db);
    await opened.db.recordDecisions(claims.slice(0, 5).map(({ attestation }) => ({ attestation })));
    const saved = await log.publishCheckpoint(); // the auditor keeps saved.note
    expect(saved).toMatchObject({ origin: ORIGIN, treeSize: 5 });
    expect(saved.note.startsWith(`${ORIGIN}\n5\n${saved.rootHash}\n\n\u2014 ${ORIGIN} `)).toBe(
      true,
    );
    expect(await log.publishCheckpoint()).toEqual(saved); // same size: the stored checkpoint
    for (let i = 5; i < 23; i++) await opened.db.recordDecision(claims[i]!.attestation);
    const today = await log.publishCheckpoint();
    expect(today.treeSize).toBe(23);
    const proof = await log.getConsistencyProof(saved.treeSize, today.treeSize);
    expect(verifyConsistency(saved.note, today.note, proof, logKey.publicKeyPem)).toMatchObject({
      valid: true,
      errors: [],
    });
    expect(await log.getCheckpoint(5)).toEqual(saved);
    expect(await log.getCheckpoint()).toEqual(today);

    // proveDecision: the file `parmana audit prove` writes verifies against the log key.
    const bundle = await log.proveDecision("claim-17");
    expect(bundle.checkpoint).toBe(today.note);
    const inclusion = verifyInclusion(
      bundle.attestation,
      bundle.proof,
      bundle.checkpoint,
      logKey.publicKeyPem,
    );
    expect(inclusion).toMatchObject({ valid: true, errors: [], leafIndex: 17 });
    // ...and against the auditor's older checkpoint for an older decision.
    const old = await log.getInclusionProof("claim-2", saved.treeSize);
    expect(
      verifyInclusion(claims[2]!.attestation, old, saved.note, logKey.publicKeyPem).valid,
    ).toBe(true);
  });

  it("refuses edits to the log tables, and a rewritten history fails the auditor's check", async () => {
    opened = await engine.open();
    const log = auditLog(opened.db);
    await opened.db.recordDecisions(claims.slice(0, 4).map(({ attestation }) => ({ attestation })));
    const saved = await log.publishCheckpoint();
    const schema = `"${opened.schema}"`;
    for (const sql of [
      `UPDATE ${schema}.audit_log_nodes SET hash = hash WHERE level = 0`,
      `DELETE FROM ${schema}.audit_log_leaves`,
      `UPDATE ${schema}.audit_log_state SET tree_size = 1`,
      `DELETE FROM ${schema}.audit_log_checkpoints`,
    ]) {
      await expect(opened.superuser(sql)).rejects.toThrow(/refused/);
    }
    // An operator who bypasses the triggers and rebuilds the log without claim-1 can sign a new
    // checkpoint, but no consistency proof links it to the checkpoint the auditor kept.
    const forged = new MerkleTree();
    for (const i of [0, 2, 3, 4]) forged.append(canonicalize(claims[i]!.attestation));
    const { createNoteSigner, signCheckpoint, encodeBase64 } = await import("@parmanasystems/core");
    const signer = createNoteSigner(
      ORIGIN,
      new LocalSigner(logKey.privateKeyPem),
      logKey.publicKeyPem,
    );
    const note = await signCheckpoint(
      { origin: ORIGIN, treeSize: 4, rootHash: forged.rootHash() },
      signer,
    );
    const result = verifyConsistency(
      saved.note,
      note,
      { oldSize: 4, newSize: 4, hashes: [] },
      logKey.publicKeyPem,
    );
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(/^\[TRUST-085\]/);
    const grown = verifyConsistency(
      saved.note,
      note.replace("\n4\n", "\n4\n"),
      { oldSize: 4, newSize: 4, hashes: forged.consistencyProof(4).map(encodeBase64) },
      logKey.publicKeyPem,
    );
    expect(grown.valid).toBe(false);
  });

  it("appends decisions recorded before the log existed, in id order, with the first write", async () => {
    opened = await engine.open();
    await opened.db.recordDecisions(claims.slice(0, 3).map(({ attestation }) => ({ attestation })));
    // Put the database back in the state an upgrade from a release without the log leaves it in:
    // decisions, an empty log, and the backfill flag the migration sets when decisions exist.
    const s = `"${opened.schema}"`;
    await opened.superuser(`ALTER TABLE ${s}.audit_log_leaves DISABLE TRIGGER USER`);
    await opened.superuser(`ALTER TABLE ${s}.audit_log_nodes DISABLE TRIGGER USER`);
    await opened.superuser(`ALTER TABLE ${s}.audit_log_state DISABLE TRIGGER USER`);
    await opened.superuser(`DELETE FROM ${s}.audit_log_leaves`);
    await opened.superuser(`DELETE FROM ${s}.audit_log_nodes`);
    await opened.superuser(
      `UPDATE ${s}.audit_log_state SET tree_size = 0, pending_backfill = true`,
    );
    await opened.superuser(`ALTER TABLE ${s}.audit_log_leaves ENABLE TRIGGER USER`);
    await opened.superuser(`ALTER TABLE ${s}.audit_log_nodes ENABLE TRIGGER USER`);
    await opened.superuser(`ALTER TABLE ${s}.audit_log_state ENABLE TRIGGER USER`);
    const log = auditLog(opened.db);
    expect(await log.getTreeSize()).toBe(0);
    await opened.db.recordDecision(claims[3]!.attestation);
    const { ids, tree } = await leavesInOrder(opened);
    expect(ids).toEqual(["claim-0", "claim-1", "claim-2", "claim-3"]);
    expect(Buffer.from(await log.getRootHash()).equals(Buffer.from(tree.rootHash()))).toBe(true);
    // The flag is cleared and can never be set again.
    await expect(
      opened.superuser(`UPDATE ${s}.audit_log_state SET pending_backfill = true`),
    ).rejects.toThrow(/only grows/);
  });

  it("reports unknown decisions, sizes out of range and a missing signer with their codes", async () => {
    opened = await engine.open();
    const signed = auditLog(opened.db);
    const unsigned = auditLog(opened.db, false);
    await opened.db.recordDecisions(claims.slice(0, 3).map(({ attestation }) => ({ attestation })));
    await expectRejectsParmanaError(
      signed.getInclusionProof("no-such"),
      "STORE-080",
      StoreError,
      /not in the transparency log/,
    );
    await expectRejectsParmanaError(
      signed.getInclusionProof("claim-2", 2),
      "STORE-081",
      StoreError,
      /leaf 2, not in the first 2/,
    );
    await expectRejectsParmanaError(
      signed.getRootHash(4),
      "STORE-081",
      StoreError,
      /holds 3 decisions/,
    );
    await expectRejectsParmanaError(signed.getConsistencyProof(3, 2), "STORE-081", StoreError);
    await expectRejectsParmanaError(unsigned.publishCheckpoint(), "STORE-083", StoreError);
    await expectRejectsParmanaError(
      unsigned.proveDecision("claim-0"),
      "STORE-084",
      StoreError,
      /publish one first/,
    );
    await signed.publishCheckpoint();
    expect((await unsigned.proveDecision("claim-0")).proof.treeSize).toBe(3);
    expect(() => new AuditLog(opened.db, { origin: "has space" })).toThrow(/\[STORE-001\]/);
    expect(
      () =>
        new AuditLog(opened.db, { origin: ORIGIN, signer: new LocalSigner(logKey.privateKeyPem) }),
    ).toThrow(/\[STORE-001\] give signer and publicKey together/);
    expect(() => new AuditLog(opened.db, { origin: ORIGIN, colour: "red" } as never)).toThrow(
      /\[STORE-001\] AuditLog has no option "colour"/,
    );
    expect(await signed.getConsistencyProof(3)).toEqual({ oldSize: 3, newSize: 3, hashes: [] });
  });
});
