import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { canonicalize, hashMerkleLeaf, verifyInclusionProof } from "@parmanasystems/core";
import { decodeBase64Strict } from "@parmanasystems/core/internal";
import { auditDbConnection } from "../../src/audit-db.js";
import { AuditLog } from "../../src/log/audit-log.js";
import { checkDecision, type CheckedDecision } from "../../src/record/check-attestation.js";
import { batchParts, insertDecisionRows } from "../../src/record/insert-decision-rows.js";
import { DEFAULT_MAX_RECORD_BYTES } from "../../src/record/storable-values.js";
import { claimSignals, claimsIssuer, type DecidedClaim } from "../helpers/claims.js";
import { forEachEngine, type OpenedDb } from "../helpers/databases.js";

const issuer = claimsIssuer();
let claims: DecidedClaim[] = [];
beforeAll(async () => {
  claims = [];
  for (let i = 0; i < 5; i++) claims.push(await issuer.decide(`part-${i}`, claimSignals(i)));
});
afterAll(() => {
  claims = [];
});

function checked(claim: DecidedClaim, withSignals: boolean): CheckedDecision {
  return checkDecision(
    claim.attestation,
    withSignals ? claim.signals : undefined,
    DEFAULT_MAX_RECORD_BYTES,
  );
}

it("cuts a batch into parts in order, each within the limit unless one record alone exceeds it", () => {
  const batch = claims.map((claim, index) => checked(claim, index % 2 === 0));
  const one = batch[0]!.canonical.length;
  expect(batchParts(batch, Number.MAX_SAFE_INTEGER)).toEqual([batch]);
  // Smaller than any record: one record per part.
  expect(batchParts(batch, 1)).toEqual(batch.map((decision) => [decision]));
  // Room for two records (about 2 × one + signals), not three.
  const parts = batchParts(batch, 2 * one + 2 * 400);
  expect(parts.flat()).toEqual(batch);
  expect(parts.length).toBeGreaterThan(1);
  expect(parts.length).toBeLessThan(batch.length);
  expect(batchParts([], 10)).toEqual([]);
});

forEachEngine("insertDecisionRows in several statements", (engine) => {
  let opened: OpenedDb;
  afterEach(async () => {
    await opened?.dispose();
  });

  it("stores a batch sent in parts exactly as one statement would: ids and leaves in batch order, duplicates and conflicts as usual", async () => {
    opened = await engine.open();
    await opened.db.migrate();
    const connection = auditDbConnection(opened.db)!;
    const driver = await connection.driver();
    const batch = [
      checked(claims[3]!, true),
      checked(claims[1]!, false),
      checked(claims[4]!, true),
      checked(claims[3]!, true),
      checked(claims[0]!, true),
    ];
    const results = await driver.transaction((tx) =>
      insertDecisionRows(tx, connection.tables, batch, 1),
    );
    expect(results.map((r) => [r.executionId, r.status])).toEqual([
      ["part-3", "recorded"],
      ["part-1", "recorded"],
      ["part-4", "recorded"],
      ["part-3", "duplicate"],
      ["part-0", "recorded"],
    ]);
    const ids = results.map((r) => Number(r.id));
    expect(ids[3]).toBe(ids[0]);
    const recorded = [ids[0]!, ids[1]!, ids[2]!, ids[4]!];
    expect(recorded).toEqual([...recorded].sort((a, b) => a - b));

    const row = await opened.db.getDecisionById("part-4");
    expect(row).toMatchObject({
      execution_fingerprint: claims[4]!.attestation.execution_fingerprint,
      decision: claims[4]!.attestation.decision.action,
      signals: claims[4]!.signals,
    });
    expect((await opened.db.getDecisionById("part-1"))?.signals).toBeNull();
    expect(await opened.db.verifyAll({ verifier: issuer.verifier })).toMatchObject({
      checked: 4,
      invalid: 0,
    });

    // The log's leaves follow the same order, and their proofs verify.
    const log = new AuditLog(opened.db, { origin: "test.example/parts" });
    expect(await log.getTreeSize()).toBe(4);
    const root = await log.getRootHash();
    for (const [leafIndex, n] of [3, 1, 4, 0].entries()) {
      const { attestation } = claims[n]!;
      const proof = await log.getInclusionProof(attestation.executionId);
      expect(proof.leafIndex).toBe(leafIndex);
      const hashes = proof.hashes.map((hash) => decodeBase64Strict(hash) ?? new Uint8Array());
      const leaf = hashMerkleLeaf(canonicalize(attestation));
      expect(verifyInclusionProof(leafIndex, 4, leaf, hashes, root)).toBe(true);
    }

    // A different attestation under a stored id, in a later part: the whole batch rolls back.
    const conflicting = checkDecision(
      { ...claims[2]!.attestation, executionId: "part-0" },
      undefined,
      DEFAULT_MAX_RECORD_BYTES,
    );
    await expect(
      driver.transaction((tx) =>
        insertDecisionRows(tx, connection.tables, [checked(claims[2]!, true), conflicting], 1),
      ),
    ).rejects.toMatchObject({ code: "STORE-004" });
    expect(await opened.db.getDecisionById("part-2")).toBeNull();
    expect((await opened.db.getStats()).total_decisions).toBe("4");
  });
});
