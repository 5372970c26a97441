import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  approveOverride,
  canonicalize,
  defaultPendingOverrideStore,
  MemoryPendingOverrideStore,
  OverrideError,
  rejectOverride,
  verifyOverride,
  type ExecutionAttestation,
  type OverrideOptions,
  type PendingOverride,
  type PendingOverrideReference,
  type PendingOverrideStore,
  type Signer,
} from "@parmanasystems/core";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";
import {
  makeClaimAttestation,
  makeOverrideKeys,
  pendingFor,
  type OverrideTestKeys,
} from "../helpers/override-attestations.js";

const keys = makeOverrideKeys("claims-key-1");
const otherKeys = makeOverrideKeys("other-key");
const FIXED = new Date("2026-03-01T09:30:00.000Z");
const clock = (): Date => FIXED;
let counter = 0;
const nextId = (): string => `claim-CLM-${String(++counter).padStart(5, "0")}`;

const approval = (
  executionId: string,
): { executionId: string; approved_by: string; approver_role: string; reason: string } => ({
  executionId,
  approved_by: "user@example.com",
  approver_role: "risk-manager",
  reason: "Manually reviewed and approved based on supporting documentation.",
});

function setup(
  options: { roles?: readonly string[]; pending?: boolean; signerKeys?: OverrideTestKeys } = {},
): {
  store: MemoryPendingOverrideStore;
  attestation: ExecutionAttestation;
} {
  const store = new MemoryPendingOverrideStore();
  const attestation = makeClaimAttestation(keys, {
    executionId: nextId(),
    pending: options.pending ?? true,
  });
  store.record(pendingFor(attestation, options.signerKeys ?? keys, options.roles));
  return { store, attestation };
}

/** sha256 of the JCS form, computed with node:crypto directly. */
function independentHash(value: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalize(value), "utf8").digest("hex")}`;
}

function expectStillPending(store: PendingOverrideStore, executionId: string): void {
  expect((store.find({ executionId }) as PendingOverride | undefined)?.resolved).toBe(false);
}

describe("approveOverride", () => {
  it("reads a clock that returns epoch milliseconds as that instant", async () => {
    const { store, attestation } = setup({ roles: ["risk-manager"] });
    const record = await approveOverride(approval(attestation.executionId), {
      store,
      clock: () => Date.UTC(2026, 2, 1, 9, 45),
      generateId: () => "ovr-ms",
    });
    expect(record.resolvedAt).toBe("2026-03-01T09:45:00.000Z");
  });

  it("returns a signed record bound to the attestation and marks the decision resolved", async () => {
    const { store, attestation } = setup({ roles: ["risk-manager"] });
    const before = JSON.stringify(attestation);
    const record = await approveOverride(approval(attestation.executionId), {
      store,
      clock,
      generateId: () => "ovr-1",
    });

    expect(record).toMatchObject({
      overrideId: "ovr-1",
      executionId: attestation.executionId,
      execution_fingerprint: attestation.execution_fingerprint,
      attestationHash: independentHash(attestation),
      decision: "approved",
      original_decision: {
        action: "manual_review",
        requires_override: true,
        reason: "Claim above the automatic limit.",
      },
      approved_by: "user@example.com",
      resolved_by: "user@example.com",
      approver_role: "risk-manager",
      reason: "Manually reviewed and approved based on supporting documentation.",
      resolvedAt: "2026-03-01T09:30:00.000Z",
      issuedAt: "2026-03-01T09:30:00.000Z",
      policyId: "claims-approval",
      policyVersion: "1.0.0",
      signerKeyId: "claims-key-1",
    });
    // The signed bytes are JCS JSON of { domain, payload }, reproducible without our helpers.
    const { signature, ...payload } = record;
    const signingInput = JSON.stringify({
      domain: "PARMANA_OVERRIDE_V1",
      payload: sortKeys(payload),
    });
    expect(keys.verifier.verify(signingInput, signature)).toBe(true);
    expect(Object.isFrozen(record)).toBe(true);
    expect(JSON.stringify(attestation)).toBe(before);
    expect(store.find({ executionId: attestation.executionId })?.resolved).toBe(true);
    expect(verifyOverride(record, attestation, keys.verifier).valid).toBe(true);
  });

  it("finds the decision by execution_fingerprint (seed 002 form)", async () => {
    const { store, attestation } = setup();
    const record = await approveOverride(
      {
        execution_fingerprint: attestation.execution_fingerprint,
        approved_by: "user@example.com",
        approver_role: "risk-manager",
        reason: "Manually reviewed and approved based on supporting documentation.",
      },
      { store, clock },
    );
    expect(record.executionId).toBe(attestation.executionId);
  });

  it("works with the input object alone through the default store (seed 001 form)", async () => {
    const attestation = makeClaimAttestation(keys, { executionId: nextId() });
    defaultPendingOverrideStore.record(pendingFor(attestation, keys));
    const override = await approveOverride({
      executionId: attestation.executionId,
      approved_by: "user@example.com",
      approver_role: "risk-manager",
      reason: "Manually reviewed and approved based on supporting documentation.",
    });
    expect(override.decision).toBe("approved");
    expect(Number.isNaN(Date.parse(override.resolvedAt))).toBe(false);
    expect(override.overrideId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(verifyOverride(override, attestation, keys.verifier).valid).toBe(true);
  });

  it("uses options.signer and options.verifier over the recorded ones, and awaits async ones", async () => {
    const { store, attestation } = setup({ signerKeys: otherKeys });
    const asyncSigner: Signer = {
      signerKeyId: "kms-key",
      sign: async (payload) => keys.signer.sign(payload),
    };
    const asyncVerifier = {
      verify: async (payload: string, signature: string) =>
        keys.verifier.verify(payload, signature),
    };
    const record = await approveOverride(approval(attestation.executionId), {
      store,
      clock,
      signer: asyncSigner,
      verifier: asyncVerifier,
    });
    expect(record.signerKeyId).toBe("kms-key");
    expect(verifyOverride(record, attestation, keys.verifier).checks.signature_verified).toBe(true);
    expect(verifyOverride(record, attestation, otherKeys.verifier).checks.signature_verified).toBe(
      false,
    );
  });

  it("names the signer 'unspecified' when it has no keyId", async () => {
    const { store, attestation } = setup();
    const anonymous: Signer = { sign: (payload) => keys.signer.sign(payload) };
    const record = await approveOverride(approval(attestation.executionId), {
      store,
      clock,
      signer: anonymous,
    });
    expect(record.signerKeyId).toBe("unspecified");
  });

  describe("refusals leave the decision pending", () => {
    it("SYS-020: nothing recorded under the id or fingerprint", async () => {
      const store = new MemoryPendingOverrideStore();
      await expectRejectsParmanaError(
        approveOverride(approval("claim-unknown"), { store }),
        "SYS-020",
        OverrideError,
        /no pending decision found for executionId claim-unknown/,
      );
      await expectRejectsParmanaError(
        approveOverride(
          { ...approval("x"), executionId: undefined, execution_fingerprint: "a".repeat(64) },
          { store },
        ),
        "SYS-020",
        OverrideError,
        /execution_fingerprint a{64}/,
      );
    });

    it("SYS-020: both ids given but they belong to different decisions", async () => {
      const { store, attestation } = setup();
      await expectRejectsParmanaError(
        approveOverride(
          { ...approval(attestation.executionId), execution_fingerprint: "b".repeat(64) },
          { store },
        ),
        "SYS-020",
        OverrideError,
      );
      expectStillPending(store, attestation.executionId);
    });

    it("SYS-020: options.attestation unknown to the store without options.signer/verifier", async () => {
      const store = new MemoryPendingOverrideStore();
      const attestation = makeClaimAttestation(keys, { executionId: nextId() });
      await expectRejectsParmanaError(
        approveOverride(approval(attestation.executionId), {
          store,
          attestation,
          signer: keys.signer,
        }),
        "SYS-020",
        OverrideError,
        /also pass options.signer and options.verifier/,
      );
      expect(store.size).toBe(0);
    });

    it("SYS-021: a completed decision", async () => {
      const { store, attestation } = setup({ pending: false });
      await expectRejectsParmanaError(
        approveOverride(approval(attestation.executionId), { store }),
        "SYS-021",
        OverrideError,
        /is not pending override \(execution_state "completed"\)/,
      );
      expectStillPending(store, attestation.executionId);
    });

    it("SYS-022: a second approval, an approval after a rejection and a rejection after an approval", async () => {
      const { store, attestation } = setup();
      await approveOverride(approval(attestation.executionId), { store, clock });
      await expectRejectsParmanaError(
        approveOverride(approval(attestation.executionId), { store }),
        "SYS-022",
        OverrideError,
        /already resolved/,
      );
      await expectRejectsParmanaError(
        rejectOverride(
          {
            executionId: attestation.executionId,
            rejected_by: "b@example.com",
            approver_role: "risk-manager",
            reason: "no",
          },
          { store },
        ),
        "SYS-022",
        OverrideError,
      );
      const second = setup();
      await rejectOverride(
        {
          executionId: second.attestation.executionId,
          rejected_by: "b@example.com",
          approver_role: "risk-manager",
          reason: "no",
        },
        { store: second.store },
      );
      await expectRejectsParmanaError(
        approveOverride(approval(second.attestation.executionId), { store: second.store }),
        "SYS-022",
        OverrideError,
      );
    });

    it("SYS-022 from markResolved when the store's find did not know yet", async () => {
      const { store, attestation } = setup();
      // A store whose find lags behind (a replica): the atomic markResolved still decides.
      const lagging: PendingOverrideStore = {
        record: (pending) => store.record(pending),
        find: (reference) => {
          const found = store.find(reference);
          return found === undefined ? undefined : { ...found, resolved: false };
        },
        markResolved: (executionId) => store.markResolved(executionId),
      };
      store.markResolved(attestation.executionId);
      await expectRejectsParmanaError(
        approveOverride(approval(attestation.executionId), { store: lagging }),
        "SYS-022",
        OverrideError,
      );
    });

    it("SYS-023: a role the rule does not allow", async () => {
      const { store, attestation } = setup({ roles: ["claims-director", "risk-manager"] });
      const error = await expectRejectsParmanaError(
        approveOverride(
          { ...approval(attestation.executionId), approver_role: "analyst" },
          { store },
        ),
        "SYS-023",
        OverrideError,
        /approver_role "analyst" may not override .* allowed by the rule's override_roles: claims-director, risk-manager/,
      );
      expect(error.details).toMatchObject({
        approver_role: "analyst",
        allowedRoles: ["claims-director", "risk-manager"],
      });
      // Roles compare exactly: case and surrounding spaces matter.
      await expectRejectsParmanaError(
        approveOverride(
          { ...approval(attestation.executionId), approver_role: "Risk-Manager" },
          { store },
        ),
        "SYS-023",
        OverrideError,
      );
      expectStillPending(store, attestation.executionId);
    });

    it("SYS-023: an empty override_roles list allows nobody", async () => {
      const { store, attestation } = setup({ roles: [] });
      await expectRejectsParmanaError(
        approveOverride(approval(attestation.executionId), { store }),
        "SYS-023",
        OverrideError,
        /none/,
      );
    });

    it("SYS-023: options.allowedRoles narrows the policy's roles and never widens them", async () => {
      const { store, attestation } = setup({ roles: ["risk-manager", "claims-director"] });
      await expectRejectsParmanaError(
        approveOverride(approval(attestation.executionId), {
          store,
          allowedRoles: ["claims-director"],
        }),
        "SYS-023",
        OverrideError,
        /options.allowedRoles/,
      );
      await expectRejectsParmanaError(
        approveOverride(
          { ...approval(attestation.executionId), approver_role: "ceo" },
          { store, allowedRoles: ["ceo"] },
        ),
        "SYS-023",
        OverrideError,
        /override_roles/,
      );
      const record = await approveOverride(approval(attestation.executionId), {
        store,
        allowedRoles: ["risk-manager"],
        clock,
      });
      expect(record.approver_role).toBe("risk-manager");
    });

    it("options.allowedRoles applies when the rule names no roles", async () => {
      const { store, attestation } = setup();
      await expectRejectsParmanaError(
        approveOverride(
          { ...approval(attestation.executionId), approver_role: "analyst" },
          { store, allowedRoles: ["risk-manager"] },
        ),
        "SYS-023",
        OverrideError,
      );
      expectStillPending(store, attestation.executionId);
    });

    const good = approval("claim-input-table");
    const badInputs: ReadonlyArray<
      readonly [string, unknown, OverrideOptions | undefined, RegExp]
    > = [
      ["input not an object", "claim-1", undefined, /input must be an object/],
      ["input null", null, undefined, /input must be an object/],
      ["input an array", [good], undefined, /input must be an object/],
      [
        "no id",
        { ...good, executionId: undefined },
        undefined,
        /one of executionId or execution_fingerprint is required/,
      ],
      [
        "empty executionId",
        { ...good, executionId: "" },
        undefined,
        /executionId must be a non-empty string/,
      ],
      [
        "numeric executionId",
        { ...good, executionId: 42 },
        undefined,
        /executionId must be a non-empty string/,
      ],
      [
        "short fingerprint",
        { ...good, executionId: undefined, execution_fingerprint: "abc" },
        undefined,
        /64 lowercase hex/,
      ],
      [
        "upper-case fingerprint",
        { ...good, executionId: undefined, execution_fingerprint: "A".repeat(64) },
        undefined,
        /64 lowercase hex/,
      ],
      [
        "missing approved_by",
        { ...good, approved_by: undefined },
        undefined,
        /approved_by must be a non-empty string/,
      ],
      [
        "empty approved_by",
        { ...good, approved_by: "" },
        undefined,
        /approved_by must be a non-empty string/,
      ],
      [
        "blank approved_by",
        { ...good, approved_by: "   " },
        undefined,
        /approved_by must be a non-empty string/,
      ],
      [
        "empty role",
        { ...good, approver_role: "" },
        undefined,
        /approver_role must be a non-empty string/,
      ],
      [
        "role not a string",
        { ...good, approver_role: ["risk-manager"] },
        undefined,
        /approver_role must be a non-empty string/,
      ],
      ["empty reason", { ...good, reason: "" }, undefined, /reason must be a non-empty string/],
      [
        "reason not a string",
        { ...good, reason: { text: "ok" } },
        undefined,
        /reason must be a non-empty string/,
      ],
      [
        "options not an object",
        good,
        "store" as unknown as OverrideOptions,
        /options must be an object/,
      ],
      [
        "store without markResolved",
        good,
        { store: { record() {}, find() {} } as unknown as PendingOverrideStore },
        /options.store must implement/,
      ],
      ["signer without sign", good, { signer: {} as Signer }, /options.signer must have a sign/],
      [
        "verifier without verify",
        good,
        { verifier: {} as never },
        /options.verifier must have a verify/,
      ],
      [
        "clock not a function",
        good,
        { clock: FIXED as unknown as () => Date },
        /options.clock must be a function/,
      ],
      [
        "allowedRoles a string",
        good,
        { allowedRoles: "risk-manager" as unknown as string[] },
        /allowedRoles must be an array/,
      ],
      [
        "allowedRoles with empty role",
        good,
        { allowedRoles: [""] },
        /allowedRoles must be an array/,
      ],
      [
        "attestation not an object",
        good,
        { attestation: "{}" as unknown as ExecutionAttestation },
        /options.attestation must be/,
      ],
    ];
    it.each(badInputs)("SYS-024: %s", async (_name, input, options, message) => {
      const { store, attestation } = setup();
      await expectRejectsParmanaError(
        approveOverride(
          input as never,
          options === undefined || typeof options !== "object"
            ? (options as never)
            : { store, ...options },
        ),
        "SYS-024",
        OverrideError,
        message,
      );
      expectStillPending(store, attestation.executionId);
    });

    it("SYS-024 for input whose properties cannot be read", async () => {
      const hostile = new Proxy(
        {},
        {
          get: () => {
            throw new TypeError("trap");
          },
        },
      );
      await expectRejectsParmanaError(
        approveOverride(hostile as never),
        "SYS-024",
        OverrideError,
        /could not be read \(trap\)/,
      );
    });

    it("SYS-024 lists every problem at once", async () => {
      const error = await expectRejectsParmanaError(
        approveOverride({
          executionId: "",
          approved_by: "",
          approver_role: 1,
          reason: null,
        } as never),
        "SYS-024",
        OverrideError,
      );
      expect(error.details?.["problems"]).toHaveLength(4);
    });

    it("SYS-024: a broken clock or id generator, and text that is not valid Unicode, resolve nothing", async () => {
      const { store, attestation } = setup();
      const input = approval(attestation.executionId);
      await expectRejectsParmanaError(
        approveOverride(input, { store, clock: () => new Date(Number.NaN) }),
        "SYS-024",
        OverrideError,
        /clock must return a valid Date/,
      );
      for (const reading of [Number.NaN, Number.POSITIVE_INFINITY, "2026-03-01T09:30:00.000Z"]) {
        await expectRejectsParmanaError(
          approveOverride(input, { store, clock: (() => reading) as never }),
          "SYS-024",
          OverrideError,
          /clock must return a valid Date or epoch milliseconds/,
        );
      }
      await expectRejectsParmanaError(
        approveOverride(input, { store, clock, generateId: () => "" }),
        "SYS-024",
        OverrideError,
        /generateId/,
      );
      await expectRejectsParmanaError(
        approveOverride({ ...input, reason: "bad \uD800 text" }, { store, clock }),
        "SYS-024",
        OverrideError,
        /CANONICAL-/,
      );
      expectStillPending(store, attestation.executionId);
    });

    it("rejectOverride says it takes rejected_by when given approved_by", async () => {
      const { store, attestation } = setup();
      await expectRejectsParmanaError(
        rejectOverride(approval(attestation.executionId) as never, { store }),
        "SYS-024",
        OverrideError,
        /rejected_by must be a non-empty string \(rejectOverride takes rejected_by\)/,
      );
    });

    it("SYS-025: a signer with another key, a throwing or empty signer, a failing verifier", async () => {
      const { store, attestation } = setup();
      const input = approval(attestation.executionId);
      await expectRejectsParmanaError(
        approveOverride(input, { store, clock, signer: otherKeys.signer }),
        "SYS-025",
        OverrideError,
        /does not verify with the verifier \(signer and verifier hold different keys\?\); nothing was resolved/,
      );
      const cause = new Error("KMS unavailable");
      const thrown = await expectRejectsParmanaError(
        approveOverride(input, { store, clock, signer: { sign: () => Promise.reject(cause) } }),
        "SYS-025",
        OverrideError,
        /KMS unavailable/,
      );
      expect(thrown.cause).toBe(cause);
      await expectRejectsParmanaError(
        approveOverride(input, { store, clock, signer: { sign: () => "" } }),
        "SYS-025",
        OverrideError,
        /empty string/,
      );
      await expectRejectsParmanaError(
        approveOverride(input, {
          store,
          clock,
          verifier: {
            verify: () => {
              throw new Error("HSM down");
            },
          },
        }),
        "SYS-025",
        OverrideError,
        /the verifier threw: HSM down/,
      );
      await expectRejectsParmanaError(
        approveOverride(input, {
          store,
          clock,
          verifier: { verify: () => "yes" as unknown as boolean },
        }),
        "SYS-025",
        OverrideError,
        /answered string instead of a boolean/,
      );
      expectStillPending(store, attestation.executionId);
      // The decision is still there to approve with a working key.
      expect((await approveOverride(input, { store, clock })).decision).toBe("approved");
    });

    it("SYS-026: options.attestation differs from the recorded one", async () => {
      const { store, attestation } = setup();
      const tampered = { ...attestation, decision: { ...attestation.decision, action: "approve" } };
      await expectRejectsParmanaError(
        approveOverride(approval(attestation.executionId), { store, attestation: tampered }),
        "SYS-026",
        OverrideError,
        /differs from the attestation recorded/,
      );
      expectStillPending(store, attestation.executionId);
      // An equal copy (other key order) is accepted.
      const reordered = Object.fromEntries(
        Object.entries(attestation).reverse(),
      ) as unknown as ExecutionAttestation;
      expect(
        (
          await approveOverride(approval(attestation.executionId), {
            store,
            attestation: reordered,
            clock,
          })
        ).decision,
      ).toBe("approved");
    });

    it("SYS-026: options.attestation unknown to the store with a bad signature or another id", async () => {
      const store = new MemoryPendingOverrideStore();
      const attestation = makeClaimAttestation(keys, { executionId: nextId() });
      const withKeys = { store, signer: keys.signer, verifier: keys.verifier };
      await expectRejectsParmanaError(
        approveOverride(approval(attestation.executionId), {
          ...withKeys,
          attestation: { ...attestation, reason: "x" } as never,
        }),
        "SYS-026",
        OverrideError,
        /does not verify/,
      );
      await expectRejectsParmanaError(
        approveOverride(approval(attestation.executionId), {
          ...withKeys,
          verifier: otherKeys.verifier,
          attestation,
        }),
        "SYS-026",
        OverrideError,
        /does not verify with options.verifier/,
      );
      await expectRejectsParmanaError(
        approveOverride(approval("claim-other"), { ...withKeys, attestation }),
        "SYS-026",
        OverrideError,
        /does not carry executionId claim-other/,
      );
      expect(store.size).toBe(0);
    });

    it("SYS-026: a store that returns another decision than the one asked for", async () => {
      const { store, attestation } = setup();
      const wrong: PendingOverrideStore = {
        record: () => undefined,
        find: (_reference: PendingOverrideReference) =>
          store.find({ executionId: attestation.executionId }),
        markResolved: () => true,
      };
      await expectRejectsParmanaError(
        approveOverride(approval("claim-asked-for"), { store: wrong }),
        "SYS-026",
        OverrideError,
        /does not carry executionId claim-asked-for/,
      );
    });

    it("SYS-028: a fingerprint shared by two pending decisions", async () => {
      const store = new MemoryPendingOverrideStore();
      const first = makeClaimAttestation(keys, { executionId: nextId() });
      const second = makeClaimAttestation(keys, { executionId: nextId() });
      store.record(pendingFor(first, keys));
      store.record(pendingFor(second, keys));
      await expectRejectsParmanaError(
        approveOverride(
          {
            ...approval("x"),
            executionId: undefined,
            execution_fingerprint: first.execution_fingerprint,
          },
          { store },
        ),
        "SYS-028",
        OverrideError,
        /refer to one by executionId/,
      );
      expectStillPending(store, first.executionId);
      expectStillPending(store, second.executionId);
    });

    it("a custom store's own errors pass through unchanged", async () => {
      const failure = new Error("database unreachable");
      const broken: PendingOverrideStore = {
        record: () => undefined,
        find: () => Promise.reject(failure),
        markResolved: () => false,
      };
      await expect(approveOverride(approval("claim-1"), { store: broken })).rejects.toBe(failure);
    });
  });

  it("resolves from options.attestation with its signer and verifier when the store never saw it, once", async () => {
    const store = new MemoryPendingOverrideStore();
    const attestation = makeClaimAttestation(keys, { executionId: nextId() });
    const options = {
      store,
      attestation,
      signer: keys.signer,
      verifier: keys.verifier,
      clock,
      allowedRoles: ["risk-manager"],
    };
    const record = await approveOverride(approval(attestation.executionId), options);
    expect(verifyOverride(record, attestation, keys.verifier).valid).toBe(true);
    expect(store.find({ executionId: attestation.executionId })?.resolved).toBe(true);
    await expectRejectsParmanaError(
      approveOverride(approval(attestation.executionId), options),
      "SYS-022",
      OverrideError,
    );
  });

  it("on a fresh store (another process), refuses to resolve from options.attestation without allowedRoles (SYS-023), recording nothing", async () => {
    const store = new MemoryPendingOverrideStore();
    const attestation = makeClaimAttestation(keys, { executionId: nextId() });
    const options = { store, attestation, signer: keys.signer, verifier: keys.verifier, clock };
    await expectRejectsParmanaError(
      approveOverride({ ...approval(attestation.executionId), approver_role: "intern" }, options),
      "SYS-023",
      OverrideError,
      /override_roles are unknown; pass options.allowedRoles/,
    );
    expect(store.find({ executionId: attestation.executionId })).toBeUndefined();
    // With the roles given, they are enforced, and remembered by the store for later calls.
    await expectRejectsParmanaError(
      approveOverride(
        { ...approval(attestation.executionId), approver_role: "intern" },
        { ...options, allowedRoles: ["risk-manager"] },
      ),
      "SYS-023",
      OverrideError,
      /may not override .*: risk-manager$/,
    );
    await expectRejectsParmanaError(
      approveOverride(
        { ...approval(attestation.executionId), approver_role: "intern" },
        { store, clock },
      ),
      "SYS-023",
      OverrideError,
      /allowed by the rule's override_roles: risk-manager/,
    );
  });

  it("of 20 concurrent approvals exactly one succeeds; the others are SYS-022", async () => {
    const { store, attestation } = setup();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        approveOverride(
          { ...approval(attestation.executionId), approved_by: `approver-${index}@example.com` },
          { store, clock },
        ),
      ),
    );
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter(
      (result): result is PromiseRejectedResult => result.status === "rejected",
    );
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(19);
    for (const failure of rejected) {
      expect(OverrideError.isInstance(failure.reason) && failure.reason.code).toBe("SYS-022");
    }
  });

  it("of 20 concurrent approvals and rejections through an async store and signer exactly one succeeds", async () => {
    const { store, attestation } = setup();
    const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    const asyncStore: PendingOverrideStore = {
      record: async (pending) => store.record(pending),
      find: async (reference) => {
        await delay(1);
        return store.find(reference);
      },
      markResolved: async (executionId) => {
        await delay(Math.floor(Math.random() * 3));
        return store.markResolved(executionId);
      },
    };
    const signer: Signer = {
      signerKeyId: "async",
      sign: async (payload) => {
        await delay(1);
        return keys.signer.sign(payload);
      },
    };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        index % 2 === 0
          ? approveOverride(approval(attestation.executionId), { store: asyncStore, signer, clock })
          : rejectOverride(
              {
                executionId: attestation.executionId,
                rejected_by: "r@example.com",
                approver_role: "risk-manager",
                reason: "no",
              },
              { store: asyncStore, signer, clock },
            ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const codes = results.flatMap((result) =>
      result.status === "rejected" ? [(result.reason as OverrideError).code] : [],
    );
    expect(codes).toEqual(Array.from({ length: 19 }, () => "SYS-022"));
  });
});

describe("rejectOverride", () => {
  it("returns a signed rejection with resolved_by and no approved_by", async () => {
    const { store, attestation } = setup({ roles: ["risk-manager"] });
    const record = await rejectOverride(
      {
        executionId: attestation.executionId,
        rejected_by: "lead@example.com",
        approver_role: "risk-manager",
        reason: "Documents do not match.",
      },
      { store, clock },
    );
    expect(record.decision).toBe("rejected");
    expect(record.resolved_by).toBe("lead@example.com");
    expect("approved_by" in record).toBe(false);
    expect(record.attestationHash).toBe(independentHash(attestation));
    expect(verifyOverride(record, attestation, keys.verifier)).toEqual({
      valid: true,
      checks: { signature_verified: true, bound_to_attestation: true, attestation_pending: true },
      errors: [],
    });
  });

  it("enforces roles like approveOverride (SYS-023)", async () => {
    const { store, attestation } = setup({ roles: ["risk-manager"] });
    await expectRejectsParmanaError(
      rejectOverride(
        {
          executionId: attestation.executionId,
          rejected_by: "x@example.com",
          approver_role: "analyst",
          reason: "no",
        },
        { store },
      ),
      "SYS-023",
      OverrideError,
    );
    expectStillPending(store, attestation.executionId);
  });
});

/** Deep key sort by UTF-16 code units (enough for these ASCII records) to build JCS by hand. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
