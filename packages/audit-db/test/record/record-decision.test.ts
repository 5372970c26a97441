import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { canonicalize, StoreError, withProvenance } from "@parmanasystems/core";
import { claimSignals, claimsIssuer, type DecidedClaim } from "../helpers/claims.js";
import { forEachEngine, type OpenedDb } from "../helpers/databases.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const issuer = claimsIssuer();
let claims: DecidedClaim[] = [];
beforeAll(async () => {
  claims = [];
  for (let i = 0; i < 6; i++) claims.push(await issuer.decide(`claim-${i}`, claimSignals(i)));
});
afterAll(() => {
  claims = [];
});

forEachEngine("recordDecision", (engine) => {
  let opened: OpenedDb;
  afterEach(async () => {
    await opened?.dispose();
  });

  it("stores the attestation and its indexed columns, and reads it back by executionId", async () => {
    opened = await engine.open();
    const { attestation, signals } = claims[0]!;
    const result = await opened.db.recordDecision(attestation, { signals });
    expect(result).toEqual({
      executionId: "claim-0",
      status: "recorded",
      id: expect.stringMatching(/^\d+$/),
    });
    const row = await opened.db.getDecisionById("claim-0");
    expect(row).not.toBeNull();
    expect(canonicalize(row!.attestation)).toBe(canonicalize(attestation));
    expect(row!.signals).toEqual(signals);
    expect(row).toMatchObject({
      execution_id: "claim-0",
      execution_fingerprint: attestation.execution_fingerprint,
      policy_id: "claims-approval",
      policy_version: "1.0.0",
      decision: attestation.decision.action,
      execution_state: attestation.execution_state,
      signals_hash: attestation.signalsHash,
      signature: attestation.signature,
      verification_valid: null,
      signature_verified: "unknown",
      runtime_verified: "unknown",
      schema_compatible: "unknown",
      verified_at: null,
    });
    expect(row!.executed_at).toBeInstanceOf(Date);
    expect(row!.executed_at.toISOString()).toBe(attestation.issuedAt);
    expect(await opened.db.getDecisionById("no-such")).toBeNull();
  });

  it("is idempotent on execution_id: the same attestation again is a duplicate, one row", async () => {
    opened = await engine.open();
    const { attestation } = claims[1]!;
    const first = await opened.db.recordDecision(attestation);
    const again = await opened.db.recordDecision(JSON.parse(JSON.stringify(attestation)));
    expect(again).toEqual({ executionId: "claim-1", status: "duplicate", id: first.id });
    const stats = await opened.db.getStats();
    expect(stats.total_decisions).toBe("1");
  });

  it("refuses a different attestation under a stored execution_id (STORE-004), keeping the first", async () => {
    opened = await engine.open();
    const { attestation } = claims[2]!;
    await opened.db.recordDecision(attestation);
    const other = await issuer.decide(`claim-2-other-${engine.name}`, claimSignals(2));
    const forged = { ...other.attestation, executionId: "claim-2" };
    await expectRejectsParmanaError(
      opened.db.recordDecision(forged),
      "STORE-004",
      StoreError,
      /execution claim-2 is already recorded with a different attestation/,
    );
    const row = await opened.db.getDecisionById("claim-2");
    expect(row!.signature).toBe(attestation.signature);
  });

  it("refuses malformed attestations with STORE-052 and writes nothing", async () => {
    opened = await engine.open();
    const { attestation } = claims[3]!;
    const cases: unknown[] = [
      undefined,
      null,
      "attestation",
      [attestation],
      { ...attestation, signalsHash: "not-hex" },
      {
        ...attestation,
        execution_state: "completed",
        decision: { ...attestation.decision, requires_override: true },
      },
      { ...attestation, extra: 1 },
      { ...attestation, decision: 7 },
      (({ signature: _s, ...rest }) => rest)(attestation),
      { ...attestation, issuedAt: 12 },
      { ...attestation, policyVersion: { $gt: "" } },
    ];
    for (const bad of cases) {
      await expectRejectsParmanaError(
        opened.db.recordDecision(bad as never),
        "STORE-052",
        StoreError,
      );
    }
    expect((await opened.db.getStats()).total_decisions).toBe("0");
  });

  it("checks signals against signalsHash (STORE-053) and accepts governed signals", async () => {
    opened = await engine.open();
    const { attestation, signals } = claims[4]!;
    await expectRejectsParmanaError(
      opened.db.recordDecision(attestation, {
        signals: { ...signals, claim_amount: signals.claim_amount + 1 },
      }),
      "STORE-053",
      StoreError,
      /not the attestation's signalsHash/,
    );
    await expectRejectsParmanaError(
      opened.db.recordDecision(attestation, { signals: [] as never }),
      "STORE-053",
      StoreError,
    );
    expect((await opened.db.getStats()).total_decisions).toBe("0");
    const governed = {
      ...signals,
      claim_amount: withProvenance(signals.claim_amount, {
        source: "claims-system",
        sourceType: "internal_system",
        sourceVerified: true,
      }),
    };
    const result = await opened.db.recordDecision(attestation, { signals: governed });
    expect(result.status).toBe("recorded");
    expect((await opened.db.getDecisionById(attestation.executionId))!.signals).toEqual(signals);
  });

  it("records a batch in one transaction; a conflict in the batch writes none of it", async () => {
    opened = await engine.open();
    const batch = claims.slice(0, 4).map(({ attestation, signals }) => ({ attestation, signals }));
    const results = await opened.db.recordDecisions(batch);
    expect(results.map((r) => r.status)).toEqual(["recorded", "recorded", "recorded", "recorded"]);
    expect(results.map((r) => Number(r.id))).toEqual(
      [...results.map((r) => Number(r.id))].sort((a, b) => a - b),
    );
    const again = await opened.db.recordDecisions([
      ...batch.slice(0, 2),
      { attestation: claims[4]!.attestation },
    ]);
    expect(again.map((r) => r.status)).toEqual(["duplicate", "duplicate", "recorded"]);
    const conflicting = { ...claims[5]!.attestation, executionId: "claim-0" };
    await expectRejectsParmanaError(
      opened.db.recordDecisions([
        { attestation: claims[5]!.attestation },
        { attestation: conflicting },
      ]),
      "STORE-004",
      StoreError,
    );
    expect(await opened.db.getDecisionById("claim-5")).toBeNull();
    expect((await opened.db.getStats()).total_decisions).toBe("5");
  });
});
