import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  approveOverride,
  canonicalize,
  canonicalizeForSigning,
  confirmExecution,
  MemoryPendingOverrideStore,
  OverrideError,
  rejectOverride,
  SIGNING_DOMAINS,
  verifyExecutionIntegrity,
  type ConfirmExecutionOptions,
  type ExecutedAction,
  type ExecutionAttestation,
  type OverrideRecord,
  type SigningDomain,
} from "@parmanasystems/core";
import {
  expectParmanaError,
  expectRejectsParmanaError,
} from "../../../../test-support/expect-parmana-error.js";
import {
  makeClaimAttestation,
  makeOverrideKeys,
  pendingFor,
} from "../helpers/override-attestations.js";

const keys = makeOverrideKeys("claims-key-1");
const otherKeys = makeOverrideKeys("other-key");
// Attestations in these tests are issued at 09:00:00.000Z.
const ISSUED = "2026-03-01T09:00:00.000Z";
const CONFIRMED = new Date("2026-03-01T10:00:00.000Z");
const clock = (): Date => CONFIRMED;
const PAYOUT = { claimId: "CLM-2024-00441", amount: 750000, currency: "INR" };

const completed = makeClaimAttestation(keys, {
  executionId: "claim-completed",
  pending: false,
  action: "approve",
  issuedAt: ISSUED,
});
const base = (overrides: Partial<ConfirmExecutionOptions> = {}): ConfirmExecutionOptions => ({
  signer: keys.signer,
  verifier: keys.verifier,
  clock,
  ...overrides,
});
const executed = (overrides: Partial<ExecutedAction> = {}): ExecutedAction => ({
  action: "approve",
  payload: PAYOUT,
  executedAt: "2026-03-01T09:05:00.000Z",
  ...overrides,
});

function independentHash(value: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalize(value), "utf8").digest("hex")}`;
}

async function approvedOverride(
  resolvedAt = "2026-03-01T09:02:00.000Z",
): Promise<{ attestation: ExecutionAttestation; record: OverrideRecord }> {
  const store = new MemoryPendingOverrideStore();
  const attestation = makeClaimAttestation(keys, {
    executionId: "claim-pending",
    action: "manual_review",
    issuedAt: ISSUED,
  });
  store.record(pendingFor(attestation, keys));
  const record = await approveOverride(
    {
      executionId: attestation.executionId,
      approved_by: "user@example.com",
      approver_role: "risk-manager",
      reason: "Reviewed.",
    },
    { store, clock: () => new Date(resolvedAt) },
  );
  return { attestation, record };
}

describe("confirmExecution", () => {
  it("reads a clock that returns epoch milliseconds as that instant", async () => {
    const proof = await confirmExecution(
      completed,
      executed(),
      base({ clock: () => Date.UTC(2026, 2, 1, 10, 0, 5) }),
    );
    expect(proof.confirmedAt).toBe("2026-03-01T10:00:05.000Z");
  });

  it("signs a matching proof under the audit domain with every bound field", async () => {
    const proof = await confirmExecution(
      completed,
      executed(),
      base({
        expectedPayload: { currency: "INR", amount: 750000, claimId: "CLM-2024-00441" },
        maxDelaySeconds: 3600,
      }),
    );
    expect(proof).toMatchObject({
      executionId: "claim-completed",
      attestationHash: independentHash(completed),
      authorizedAction: "approve",
      executedAction: { action: "approve", executedAt: "2026-03-01T09:05:00.000Z" },
      payloadHash: independentHash(PAYOUT),
      expectedPayloadHash: independentHash(PAYOUT),
      maxDelaySeconds: 3600,
      overrideHash: null,
      match: true,
      matchDetails: {
        actionMatches: true,
        payloadMatches: true,
        withinTimeWindow: true,
        overrideSatisfied: true,
      },
      confirmedAt: "2026-03-01T10:00:00.000Z",
      issuedAt: "2026-03-01T10:00:00.000Z",
      signerKeyId: "claims-key-1",
    });
    expect("payload" in proof.executedAction).toBe(false);
    const { signature, integrityHash, issuedAt: _issuedAt, signerKeyId: _keyId, ...facts } = proof;
    expect(integrityHash).toBe(independentHash(facts));
    const { signature: _signature, ...payload } = proof;
    expect(
      keys.verifier.verify(canonicalizeForSigning(payload, SIGNING_DOMAINS.audit), signature),
    ).toBe(true);
    expect(verifyExecutionIntegrity(proof, keys.verifier, completed)).toEqual({
      valid: true,
      errors: [],
    });
  });

  it("records an action other than the authorised one as a mismatch", async () => {
    const proof = await confirmExecution(completed, executed({ action: "reject" }), base());
    expect(proof.match).toBe(false);
    expect(proof.matchDetails).toEqual({
      actionMatches: false,
      payloadMatches: true,
      withinTimeWindow: true,
      overrideSatisfied: true,
    });
    expect(verifyExecutionIntegrity(proof, keys.verifier, completed).valid).toBe(true);
  });

  it("compares payloads by canonical hash: key order does not matter, any value does", async () => {
    const reordered = await confirmExecution(
      completed,
      executed({ payload: { currency: "INR", claimId: "CLM-2024-00441", amount: 750000 } }),
      base({ expectedPayload: PAYOUT }),
    );
    expect(reordered.matchDetails.payloadMatches).toBe(true);
    const changed = await confirmExecution(
      completed,
      executed({ payload: { ...PAYOUT, amount: 750001 } }),
      base({ expectedPayload: PAYOUT }),
    );
    expect(changed.matchDetails.payloadMatches).toBe(false);
    expect(changed.match).toBe(false);
    const missing = await confirmExecution(
      completed,
      executed({ payload: undefined }),
      base({ expectedPayload: PAYOUT }),
    );
    expect(missing.payloadHash).toBeNull();
    expect(missing.matchDetails.payloadMatches).toBe(false);
    const unexpected = await confirmExecution(completed, executed(), base());
    expect(unexpected.expectedPayloadHash).toBeNull();
    expect(unexpected.matchDetails.payloadMatches).toBe(true);
  });

  it("includes the boundary of the time window and excludes one millisecond past it", async () => {
    const at = (executedAt: string): Promise<boolean> =>
      confirmExecution(completed, executed({ executedAt }), base({ maxDelaySeconds: 300 })).then(
        (proof) => proof.matchDetails.withinTimeWindow,
      );
    expect(await at("2026-03-01T09:05:00.000Z")).toBe(true);
    expect(await at("2026-03-01T09:05:00.001Z")).toBe(false);
    expect(await at(ISSUED)).toBe(true);
    // Before the decision existed: never within the window, with or without maxDelaySeconds.
    expect(await at("2026-03-01T08:59:59.999Z")).toBe(false);
    const early = await confirmExecution(
      completed,
      executed({ executedAt: "2026-03-01T08:59:59.999Z" }),
      base(),
    );
    expect(early.matchDetails.withinTimeWindow).toBe(false);
    // An offset time is the same instant as its UTC form.
    expect(await at("2026-03-01T14:35:00.000+05:30")).toBe(true);
    expect(await at("2026-03-01T14:35:00.001+05:30")).toBe(false);
    const zero = await confirmExecution(
      completed,
      executed({ executedAt: ISSUED }),
      base({ maxDelaySeconds: 0 }),
    );
    expect(zero.matchDetails.withinTimeWindow).toBe(true);
  });

  describe("pending_override decisions", () => {
    it("match only with an approved override record", async () => {
      const { attestation, record } = await approvedOverride();
      const action = executed({ action: "manual_review" });
      const without = await confirmExecution(attestation, action, base());
      expect(without.matchDetails.overrideSatisfied).toBe(false);
      expect(without.match).toBe(false);
      const withApproval = await confirmExecution(attestation, action, base({ override: record }));
      expect(withApproval.matchDetails.overrideSatisfied).toBe(true);
      expect(withApproval.match).toBe(true);
      expect(withApproval.overrideHash).toBe(independentHash(record));
      expect(verifyExecutionIntegrity(withApproval, keys.verifier, attestation).valid).toBe(true);
    });

    it("do not match with a rejection, a tampered approval, another execution's approval or one given after the action", async () => {
      const { attestation, record } = await approvedOverride();
      const action = executed({ action: "manual_review" });
      const store = new MemoryPendingOverrideStore();
      const other = makeClaimAttestation(keys, {
        executionId: "claim-other",
        action: "manual_review",
        issuedAt: ISSUED,
      });
      store.record(pendingFor(other, keys));
      store.record(
        pendingFor(
          makeClaimAttestation(keys, {
            executionId: "claim-rejected",
            issuedAt: ISSUED,
            signals: { claim_amount: 1, policy_active: true },
          }),
          keys,
        ),
      );
      const otherApproval = await approveOverride(
        {
          executionId: "claim-other",
          approved_by: "u@example.com",
          approver_role: "risk-manager",
          reason: "ok",
        },
        { store, clock: () => new Date("2026-03-01T09:01:00.000Z") },
      );
      const pendingStore = new MemoryPendingOverrideStore();
      pendingStore.record(pendingFor(attestation, keys));
      const rejection = await rejectOverride(
        {
          executionId: attestation.executionId,
          rejected_by: "u@example.com",
          approver_role: "risk-manager",
          reason: "no",
        },
        { store: pendingStore, clock: () => new Date("2026-03-01T09:01:00.000Z") },
      );
      const late = (await approvedOverride("2026-03-01T09:06:00.000Z")).record;
      const candidates: ReadonlyArray<readonly [string, OverrideRecord]> = [
        ["rejection", rejection],
        ["tampered", { ...record, approver_role: "ceo" }],
        ["other execution", otherApproval],
        ["approved after the action", late],
      ];
      for (const [name, override] of candidates) {
        const proof = await confirmExecution(attestation, action, base({ override }));
        expect(proof.matchDetails.overrideSatisfied, name).toBe(false);
        expect(proof.match, name).toBe(false);
      }
      // An approval resolved exactly at executedAt is in time.
      const onTime = (await approvedOverride("2026-03-01T09:05:00.000Z")).record;
      expect(
        (await confirmExecution(attestation, action, base({ override: onTime }))).matchDetails
          .overrideSatisfied,
      ).toBe(true);
    });

    it("check the override with overrideVerifier when its key differs from the proof's", async () => {
      const { attestation, record } = await approvedOverride();
      const action = executed({ action: "manual_review" });
      const proofKeys = { signer: otherKeys.signer, verifier: otherKeys.verifier, clock };
      expect(
        (await confirmExecution(attestation, action, { ...proofKeys, override: record }))
          .matchDetails.overrideSatisfied,
      ).toBe(false);
      const proof = await confirmExecution(attestation, action, {
        ...proofKeys,
        override: record,
        overrideVerifier: keys.verifier,
      });
      expect(proof.matchDetails.overrideSatisfied).toBe(true);
      expect(proof.signerKeyId).toBe("other-key");
    });
  });

  it("an override offered for a completed decision must hold up too", async () => {
    const { record } = await approvedOverride();
    const proof = await confirmExecution(completed, executed(), base({ override: record }));
    expect(proof.matchDetails.overrideSatisfied).toBe(false);
  });

  it("leaves the attestation unchanged", async () => {
    const before = JSON.stringify(completed);
    await confirmExecution(completed, executed({ action: "reject" }), base());
    expect(JSON.stringify(completed)).toBe(before);
  });

  const invalid: ReadonlyArray<readonly [string, unknown, unknown, unknown, RegExp]> = [
    ["attestation null", null, executed(), base(), /attestation must be an attestation object/],
    [
      "attestation without executionId",
      { ...completed, executionId: "" },
      executed(),
      base(),
      /attestation.executionId/,
    ],
    [
      "attestation without issuedAt",
      { ...completed, issuedAt: "soon" },
      executed(),
      base(),
      /attestation.issuedAt/,
    ],
    [
      "attestation without decision",
      { ...completed, decision: "approve" },
      executed(),
      base(),
      /attestation.decision/,
    ],
    [
      "attestation not JSON",
      { ...completed, extra: Number.NaN },
      executed(),
      base(),
      /attestation is not plain JSON/,
    ],
    ["executedAction a string", completed, "approve", base(), /executedAction must be an object/],
    ["empty action", completed, executed({ action: "" }), base(), /executedAction.action/],
    [
      "executedAt a Date",
      completed,
      { ...executed(), executedAt: new Date() },
      base(),
      /executedAt must be an ISO-8601 time/,
    ],
    [
      "executedAt without zone",
      completed,
      executed({ executedAt: "2026-03-01T09:05:00" }),
      base(),
      /executedAt must be an ISO-8601 time/,
    ],
    [
      "executedAt impossible",
      completed,
      executed({ executedAt: "2026-02-30T09:05:00Z" }),
      base(),
      /executedAt must be an ISO-8601 time/,
    ],
    [
      "payload with bigint",
      completed,
      executed({ payload: { amount: 1n } }),
      base(),
      /executedAction.payload is not plain JSON \(\[CANONICAL-002\]/,
    ],
    [
      "expectedPayload with a Map",
      completed,
      executed(),
      base({ expectedPayload: new Map() }),
      /options.expectedPayload is not plain JSON/,
    ],
    ["no options", completed, executed(), undefined, /options must be an object/],
    ["no signer", completed, executed(), { verifier: keys.verifier }, /options.signer/],
    ["no verifier", completed, executed(), { signer: keys.signer }, /options.verifier/],
    [
      "bad overrideVerifier",
      completed,
      executed(),
      base({ overrideVerifier: {} as never }),
      /options.overrideVerifier/,
    ],
    ["negative window", completed, executed(), base({ maxDelaySeconds: -1 }), /maxDelaySeconds/],
    [
      "infinite window",
      completed,
      executed(),
      base({ maxDelaySeconds: Number.POSITIVE_INFINITY }),
      /maxDelaySeconds/,
    ],
    [
      "window as text",
      completed,
      executed(),
      base({ maxDelaySeconds: "60" as never }),
      /maxDelaySeconds/,
    ],
    [
      "override a string",
      completed,
      executed(),
      base({ override: "ovr" as never }),
      /options.override must be an override record/,
    ],
    [
      "clock not a function",
      completed,
      executed(),
      base({ clock: CONFIRMED as never }),
      /options.clock must be a function/,
    ],
    [
      "clock returning NaN",
      completed,
      executed(),
      base({ clock: () => new Date(Number.NaN) }),
      /options.clock must return a valid Date/,
    ],
    [
      "clock returning a NaN number",
      completed,
      executed(),
      base({ clock: () => Number.NaN }),
      /options.clock must return a valid Date or epoch milliseconds/,
    ],
    [
      "clock returning an ISO string",
      completed,
      executed(),
      base({ clock: (() => "2026-03-01T10:00:00.000Z") as never }),
      /options.clock must return a valid Date or epoch milliseconds/,
    ],
  ];
  it.each(invalid)("SYS-029: %s", async (_name, attestation, action, options, message) => {
    await expectRejectsParmanaError(
      confirmExecution(attestation as never, action as never, options as never),
      "SYS-029",
      OverrideError,
      message,
    );
  });

  it("SYS-029 lists every problem at once", async () => {
    const error = await expectRejectsParmanaError(
      confirmExecution(null as never, { action: "" } as never, {} as never),
      "SYS-029",
      OverrideError,
    );
    expect(error.details?.["problems"]).toHaveLength(5);
  });

  it("SYS-025: a signer that fails, returns nothing, or holds another key than the verifier", async () => {
    const failure = new Error("KMS throttled");
    const thrown = await expectRejectsParmanaError(
      confirmExecution(
        completed,
        executed(),
        base({ signer: { sign: () => Promise.reject(failure) } }),
      ),
      "SYS-025",
      OverrideError,
      /KMS throttled/,
    );
    expect(thrown.cause).toBe(failure);
    await expectRejectsParmanaError(
      confirmExecution(completed, executed(), base({ signer: { sign: () => "" } })),
      "SYS-025",
      OverrideError,
      /empty string/,
    );
    await expectRejectsParmanaError(
      confirmExecution(completed, executed(), base({ signer: otherKeys.signer })),
      "SYS-025",
      OverrideError,
      /different keys/,
    );
  });
});

describe("verifyExecutionIntegrity", () => {
  async function matchingProof(): Promise<Record<string, unknown>> {
    return {
      ...(await confirmExecution(
        completed,
        executed(),
        base({ expectedPayload: PAYOUT, maxDelaySeconds: 600 }),
      )),
    };
  }

  it("is synchronous for a synchronous verifier and a Promise for an asynchronous one", async () => {
    const proof = await matchingProof();
    const sync = verifyExecutionIntegrity(proof, keys.verifier, completed);
    expect(sync).not.toBeInstanceOf(Promise);
    expect(sync.valid).toBe(true);
    const asyncVerifier = {
      verify: async (payload: string, signature: string) =>
        keys.verifier.verify(payload, signature),
    };
    const pending = verifyExecutionIntegrity(proof, asyncVerifier, completed);
    expect(pending).toBeInstanceOf(Promise);
    expect((await pending).valid).toBe(true);
    expect(verifyExecutionIntegrity(null, asyncVerifier)).toBeInstanceOf(Promise);
    // Without the attestation, only the proof itself is checked.
    expect(verifyExecutionIntegrity(JSON.parse(JSON.stringify(proof)), keys.verifier).valid).toBe(
      true,
    );
  });

  const tampers: ReadonlyArray<readonly [string, (proof: Record<string, unknown>) => void]> = [
    ["executionId", (p) => (p["executionId"] = "claim-other")],
    ["attestationHash", (p) => (p["attestationHash"] = `sha256:${"0".repeat(64)}`)],
    ["authorizedAction", (p) => (p["authorizedAction"] = "reject")],
    [
      "executedAction.action",
      (p) => (p["executedAction"] = { ...(p["executedAction"] as object), action: "reject" }),
    ],
    [
      "executedAction.executedAt",
      (p) =>
        (p["executedAction"] = {
          ...(p["executedAction"] as object),
          executedAt: "2026-03-01T09:06:00.000Z",
        }),
    ],
    ["payloadHash", (p) => (p["payloadHash"] = `sha256:${"1".repeat(64)}`)],
    ["expectedPayloadHash", (p) => (p["expectedPayloadHash"] = null)],
    ["maxDelaySeconds", (p) => (p["maxDelaySeconds"] = 60)],
    ["overrideHash", (p) => (p["overrideHash"] = `sha256:${"2".repeat(64)}`)],
    ["integrityHash", (p) => (p["integrityHash"] = `sha256:${"3".repeat(64)}`)],
    ["match", (p) => (p["match"] = false)],
    [
      "matchDetails.actionMatches",
      (p) => (p["matchDetails"] = { ...(p["matchDetails"] as object), actionMatches: false }),
    ],
    [
      "matchDetails.payloadMatches",
      (p) => (p["matchDetails"] = { ...(p["matchDetails"] as object), payloadMatches: false }),
    ],
    [
      "matchDetails.withinTimeWindow",
      (p) => (p["matchDetails"] = { ...(p["matchDetails"] as object), withinTimeWindow: false }),
    ],
    [
      "matchDetails.overrideSatisfied",
      (p) => (p["matchDetails"] = { ...(p["matchDetails"] as object), overrideSatisfied: false }),
    ],
    ["confirmedAt", (p) => (p["confirmedAt"] = "2026-03-01T10:00:01.000Z")],
    ["issuedAt", (p) => (p["issuedAt"] = "2026-03-01T10:00:01.000Z")],
    ["signerKeyId", (p) => (p["signerKeyId"] = "other-key")],
    [
      "signature",
      (p) =>
        (p["signature"] =
          `${(p["signature"] as string).startsWith("A") ? "B" : "A"}${(p["signature"] as string).slice(1)}`),
    ],
    ["an added field", (p) => (p["note"] = "x")],
    ["a removed field", (p) => delete p["payloadHash"]],
  ];
  it.each(tampers)("a change of %s makes the proof invalid", async (_name, tamper) => {
    const proof = structuredClone(await matchingProof());
    tamper(proof);
    const result = verifyExecutionIntegrity(proof, keys.verifier, completed);
    expect(result.valid).toBe(false);
    expect(result.errors).toContain(
      "the proof's signature does not verify under the verifier's key and the audit signing domain",
    );
  });

  it("catches a re-signed proof whose claims contradict its facts", async () => {
    const proof = await matchingProof();
    const resign = (changes: Record<string, unknown>, rehash = true): Record<string, unknown> => {
      const {
        signature: _signature,
        integrityHash: _hash,
        ...rest
      } = { ...proof, ...changes } as Record<string, unknown>;
      const { issuedAt: _issuedAt, signerKeyId: _keyId, ...facts } = rest;
      const payload = {
        ...rest,
        integrityHash: rehash ? independentHash(facts) : proof["integrityHash"],
      };
      return {
        ...payload,
        signature: keys.signer.sign(canonicalizeForSigning(payload, SIGNING_DOMAINS.audit)),
      };
    };
    const cases: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
      [
        resign({ executedAction: { action: "reject", executedAt: "2026-03-01T09:05:00.000Z" } }),
        "matchDetails.actionMatches disagrees with executedAction.action and authorizedAction",
      ],
      [
        resign({ payloadHash: `sha256:${"1".repeat(64)}` }),
        "matchDetails.payloadMatches disagrees with payloadHash and expectedPayloadHash",
      ],
      [
        resign({ executedAction: { action: "approve", executedAt: "2026-03-01T09:30:00.000Z" } }),
        "matchDetails.withinTimeWindow disagrees with the attestation's issuedAt, executedAt and maxDelaySeconds",
      ],
      [resign({ match: false }), "match disagrees with matchDetails"],
      [
        resign({
          matchDetails: {
            actionMatches: true,
            payloadMatches: true,
            withinTimeWindow: true,
            overrideSatisfied: false,
          },
          match: false,
        }),
        "matchDetails.overrideSatisfied is false for a decision that needs no override",
      ],
      [resign({ reason: "x" }, false), "integrityHash does not match the proof's fields"],
    ];
    for (const [candidate, message] of cases) {
      const result = verifyExecutionIntegrity(candidate, keys.verifier, completed);
      expect(result.errors, message).toContain(message);
      expect(result.valid, message).toBe(false);
    }
  });

  it("refuses a pending decision's proof claiming an override without a record", async () => {
    const { attestation } = await approvedOverride();
    const proof = await confirmExecution(
      attestation,
      executed({ action: "manual_review" }),
      base(),
    );
    const { signature: _s, integrityHash: _h, issuedAt: _i, signerKeyId: _k, ...facts } = proof;
    const claimed = {
      ...facts,
      match: true,
      matchDetails: { ...proof.matchDetails, overrideSatisfied: true },
    };
    const payload = {
      ...claimed,
      integrityHash: independentHash(claimed),
      issuedAt: proof.issuedAt,
      signerKeyId: proof.signerKeyId,
    };
    const forged = {
      ...payload,
      signature: keys.signer.sign(canonicalizeForSigning(payload, SIGNING_DOMAINS.audit)),
    };
    const result = verifyExecutionIntegrity(forged, keys.verifier, attestation);
    expect(result.errors).toContain(
      "matchDetails.overrideSatisfied is true for a pending_override decision without an override record",
    );
  });

  it("is bound to its attestation", async () => {
    const proof = await matchingProof();
    const other = makeClaimAttestation(keys, {
      executionId: "claim-other",
      pending: false,
      action: "approve",
      issuedAt: ISSUED,
    });
    const result = verifyExecutionIntegrity(proof, keys.verifier, other);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      "attestationHash is not the hash of this attestation",
      "executionId does not match the attestation",
    ]);
    const changed = verifyExecutionIntegrity(proof, keys.verifier, {
      ...completed,
      signature: "AAAA",
    });
    expect(changed.errors).toEqual(["attestationHash is not the hash of this attestation"]);
  });

  it("refuses a proof signed under any other domain than audit, or by another key", async () => {
    const { signature: _signature, ...payload } = await matchingProof();
    for (const domain of new Set<SigningDomain>(Object.values(SIGNING_DOMAINS))) {
      const resigned = {
        ...payload,
        signature: keys.signer.sign(canonicalizeForSigning(payload, domain)),
      };
      expect(verifyExecutionIntegrity(resigned, keys.verifier, completed).valid, domain).toBe(
        domain === SIGNING_DOMAINS.audit,
      );
    }
    expect(
      verifyExecutionIntegrity(await matchingProof(), otherKeys.verifier, completed).valid,
    ).toBe(false);
  });

  it("never throws for garbage proofs or attestations; throws SYS-029 only without a verifier", async () => {
    const proof = await matchingProof();
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("trap");
        },
        get: () => {
          throw new Error("trap");
        },
      },
    );
    for (const candidate of [
      null,
      7,
      "proof",
      [],
      {},
      { ...proof, signature: 1 },
      { ...proof, payloadHash: 1n },
      hostile,
    ]) {
      const asProof = verifyExecutionIntegrity(candidate, keys.verifier, completed);
      expect(asProof.valid).toBe(false);
      expect(asProof.errors.length).toBeGreaterThan(0);
      if (candidate === undefined) continue;
      expect(verifyExecutionIntegrity(proof, keys.verifier, candidate).valid).toBe(false);
    }
    expect(
      verifyExecutionIntegrity(proof, {
        verify: () => {
          throw new Error("HSM down");
        },
      }).errors,
    ).toContain("the verifier threw: HSM down");
    expectParmanaError(
      () => verifyExecutionIntegrity(proof, undefined as never),
      "SYS-029",
      OverrideError,
      /needs a verifier/,
    );
  });
});
