import { describe, expect, it } from "vitest";
import {
  defaultPendingOverrideStore,
  MemoryPendingOverrideStore,
  OverrideError,
} from "@parmanasystems/core";
import { DEFAULT_PENDING_OVERRIDE_MAX_SIZE } from "@parmanasystems/core/internal";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import {
  makeClaimAttestation,
  makeOverrideKeys,
  pendingFor,
} from "../helpers/override-attestations.js";

const keys = makeOverrideKeys();

describe("MemoryPendingOverrideStore", () => {
  it("finds a recorded decision by executionId, by fingerprint, and by both", () => {
    const store = new MemoryPendingOverrideStore();
    const attestation = makeClaimAttestation(keys);
    store.record(pendingFor(attestation, keys, ["risk-manager"]));
    const byId = store.find({ executionId: attestation.executionId });
    expect(byId?.attestation).toBe(attestation);
    expect(byId?.overrideRoles).toEqual(["risk-manager"]);
    expect(byId?.resolved).toBe(false);
    expect(
      store.find({ execution_fingerprint: attestation.execution_fingerprint })?.attestation,
    ).toBe(attestation);
    expect(
      store.find({
        executionId: attestation.executionId,
        execution_fingerprint: attestation.execution_fingerprint,
      })?.attestation,
    ).toBe(attestation);
  });

  it("returns undefined for unknown ids, for an id whose fingerprint differs, and for an empty reference", () => {
    const store = new MemoryPendingOverrideStore();
    const attestation = makeClaimAttestation(keys);
    store.record(pendingFor(attestation, keys));
    expect(store.find({ executionId: "claim-other" })).toBeUndefined();
    expect(store.find({ execution_fingerprint: "0".repeat(64) })).toBeUndefined();
    expect(
      store.find({ executionId: attestation.executionId, execution_fingerprint: "0".repeat(64) }),
    ).toBeUndefined();
    expect(store.find({})).toBeUndefined();
  });

  it("markResolved succeeds once and find reports the resolution", () => {
    const store = new MemoryPendingOverrideStore();
    const attestation = makeClaimAttestation(keys);
    store.record(pendingFor(attestation, keys));
    expect(store.markResolved(attestation.executionId)).toBe(true);
    expect(store.markResolved(attestation.executionId)).toBe(false);
    expect(store.markResolved("claim-unknown")).toBe(false);
    expect(store.find({ executionId: attestation.executionId })?.resolved).toBe(true);
  });

  it("is idempotent for the same attestation and keeps its resolution", () => {
    const store = new MemoryPendingOverrideStore();
    const attestation = makeClaimAttestation(keys);
    store.record(pendingFor(attestation, keys));
    store.markResolved(attestation.executionId);
    store.record(pendingFor({ ...attestation }, keys));
    expect(store.size).toBe(1);
    expect(store.find({ executionId: attestation.executionId })?.resolved).toBe(true);
  });

  it("replaces an unresolved decision of the same policy and executionId (a retry after a failed attempt)", () => {
    const store = new MemoryPendingOverrideStore();
    const first = makeClaimAttestation(keys);
    const retry = makeClaimAttestation(keys, {
      issuedAt: "2026-03-01T09:00:05.000Z",
      signals: { claim_amount: 760000, policy_active: true },
    });
    store.record(pendingFor(first, keys));
    store.record(pendingFor(retry, keys));
    expect(store.size).toBe(1);
    expect(store.find({ executionId: first.executionId })?.attestation).toBe(retry);
    expect(store.find({ execution_fingerprint: first.execution_fingerprint })).toBeUndefined();
    expect(store.find({ execution_fingerprint: retry.execution_fingerprint })?.attestation).toBe(
      retry,
    );
  });

  it("refuses another attestation under a resolved executionId, or from another policy (SYS-028)", () => {
    const store = new MemoryPendingOverrideStore();
    const first = makeClaimAttestation(keys);
    store.record(pendingFor(first, keys));
    const otherPolicy = {
      ...makeClaimAttestation(keys, { signals: { claim_amount: 900000, policy_active: true } }),
      policyId: "motor-claims",
    };
    expectParmanaError(
      () => store.record(pendingFor(otherPolicy, keys)),
      "SYS-028",
      OverrideError,
      /already recorded for a different attestation of policy claims-approval/,
    );
    store.markResolved(first.executionId);
    const later = makeClaimAttestation(keys, { issuedAt: "2026-03-01T09:00:05.000Z" });
    expectParmanaError(
      () => store.record(pendingFor(later, keys)),
      "SYS-028",
      OverrideError,
      /and was resolved/,
    );
    expect(store.find({ executionId: first.executionId })?.attestation).toBe(first);
  });

  it("resolves a fingerprint to the one unresolved decision, refuses an ambiguous one (SYS-028)", () => {
    const store = new MemoryPendingOverrideStore();
    const first = makeClaimAttestation(keys, { executionId: "claim-1" });
    const second = makeClaimAttestation(keys, { executionId: "claim-2" });
    expect(first.execution_fingerprint).toBe(second.execution_fingerprint);
    store.record(pendingFor(first, keys));
    store.record(pendingFor(second, keys));
    const error = expectParmanaError(
      () => store.find({ execution_fingerprint: first.execution_fingerprint }),
      "SYS-028",
      OverrideError,
      /matches 2 pending decisions/,
    );
    expect(error.details?.["executionIds"]).toEqual(["claim-1", "claim-2"]);
    store.markResolved("claim-1");
    expect(
      store.find({ execution_fingerprint: first.execution_fingerprint })?.attestation.executionId,
    ).toBe("claim-2");
    store.markResolved("claim-2");
    const latest = store.find({ execution_fingerprint: first.execution_fingerprint });
    expect(latest?.attestation.executionId).toBe("claim-2");
    expect(latest?.resolved).toBe(true);
  });

  it("evicts resolved decisions oldest first at capacity and refuses when all are unresolved (SYS-027)", () => {
    const store = new MemoryPendingOverrideStore({ maxSize: 2 });
    const a = makeClaimAttestation(keys, { executionId: "claim-a" });
    const b = makeClaimAttestation(keys, { executionId: "claim-b" });
    const c = makeClaimAttestation(keys, {
      executionId: "claim-c",
      signals: { claim_amount: 800000, policy_active: true },
    });
    store.record(pendingFor(a, keys));
    store.record(pendingFor(b, keys));
    expectParmanaError(
      () => store.record(pendingFor(c, keys)),
      "SYS-027",
      OverrideError,
      /full \(maxSize 2/,
    );
    expect(store.find({ executionId: "claim-c" })).toBeUndefined();
    store.markResolved("claim-b");
    store.record(pendingFor(c, keys));
    expect(store.size).toBe(2);
    expect(store.find({ executionId: "claim-b" })).toBeUndefined();
    expect(store.find({ executionId: "claim-a" })?.resolved).toBe(false);
    expect(store.find({ execution_fingerprint: c.execution_fingerprint })).toBeDefined();
  });

  it("rejects a bad maxSize and malformed entries (SYS-024) without recording", () => {
    for (const maxSize of [0, -1, 1.5, Number.NaN]) {
      expectParmanaError(
        () => new MemoryPendingOverrideStore({ maxSize }),
        "SYS-024",
        OverrideError,
      );
    }
    const store = new MemoryPendingOverrideStore();
    const attestation = makeClaimAttestation(keys);
    const malformed: unknown[] = [
      null,
      { ...pendingFor(attestation, keys), signer: {} },
      { ...pendingFor(attestation, keys), verifier: undefined },
      { ...pendingFor(attestation, keys), ruleId: 7 },
      { ...pendingFor(attestation, keys), overrideRoles: "risk-manager" },
      { ...pendingFor(attestation, keys), attestation: { ...attestation, executionId: "" } },
      { ...pendingFor(attestation, keys), attestation: { ...attestation, issuedAt: new Date() } },
    ];
    for (const entry of malformed) {
      expectParmanaError(() => store.record(entry as never), "SYS-024", OverrideError);
    }
    expect(store.size).toBe(0);
  });

  it("has a documented default capacity and a process-wide default instance", () => {
    expect(DEFAULT_PENDING_OVERRIDE_MAX_SIZE).toBe(100_000);
    expect(defaultPendingOverrideStore).toBeInstanceOf(MemoryPendingOverrideStore);
  });
});
