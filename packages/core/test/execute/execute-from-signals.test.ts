import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  attestationSigningInput,
  compilePolicy,
  computeExecutionFingerprint,
  computeSignalsHash,
  executeFromSignals,
  getRuntimeIdentity,
  InvariantError,
  LocalSigner,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  ReplayError,
  SignatureError,
  SystemError,
  verifyAttestation,
  withProvenance,
  type CompiledPolicy,
  type ReplayStore,
  type Signer,
  type Verifier,
} from "@parmanasystems/core";
import { defaultPendingOverrideStore } from "../../src/override/default-pending-override-store.js";
import type {
  PendingOverride,
  PendingOverrideStore,
} from "../../src/override/pending-override.types.js";
import { LOAN_POLICY, makeKeys } from "../helpers/decision-loop-fixtures.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const POLICIES_ROOT = fileURLToPath(new URL("../fixtures/policies", import.meta.url));
const keys = makeKeys();
const otherKeys = makeKeys();
const LOAN = {
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals: { credit_score: 720, loan_amount: 15000 },
} as const;
const FIXED_TIME = Date.UTC(2026, 0, 15, 10, 0, 0);
const fixtureLoan = compilePolicy(`${POLICIES_ROOT}/loan-approval/1.0.0`).policy as CompiledPolicy;

/** A pending-override store that records what it is given. */
class RecordingPendingStore implements PendingOverrideStore {
  readonly recorded: PendingOverride[] = [];
  record(pending: PendingOverride): void {
    this.recorded.push(pending);
  }
  find(): undefined {
    return undefined;
  }
  markResolved(): boolean {
    return true;
  }
}

beforeEach(() => {
  vi.stubEnv("PARMANA_POLICIES_ROOT", POLICIES_ROOT);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("executeFromSignals: the attestation", () => {
  it("decides the seeds' loan and fills every field of ExecutionAttestation", async () => {
    const store = new MemoryReplayStore();
    const attestation = await executeFromSignals(
      { ...LOAN, executionId: "app-1" },
      keys.signer,
      keys.verifier,
      { replayStore: store, clock: () => FIXED_TIME },
    );
    const runtime = getRuntimeIdentity();
    const { signature, ...payload } = attestation;
    expect(payload).toEqual({
      executionId: "app-1",
      execution_fingerprint: computeExecutionFingerprint("loan-approval", "1.0.0", LOAN.signals),
      policyId: "loan-approval",
      policyVersion: "1.0.0",
      schemaVersion: "1.0.0",
      runtimeVersion: runtime.runtimeVersion,
      runtimeHash: runtime.runtimeHash,
      decision: {
        action: "approve",
        requires_override: false,
        reason: "Credit score meets standard threshold.",
      },
      execution_state: "completed",
      signalsHash: computeSignalsHash(LOAN.signals),
      bundleHash: fixtureLoan.policyHash,
      manifestHash: fixtureLoan.policyHash,
      releaseManifestHash: runtime.releaseManifestHash,
      evaluatorHash: runtime.evaluatorSemanticHash,
      evaluatorSemanticHash: runtime.evaluatorSemanticHash,
      evaluatorArtifactHash: runtime.evaluatorArtifactHash,
      manifestSignature: "",
      trustRootVersion: "local",
      signerKeyId: keys.signer.keyId,
      issuedAt: "2026-01-15T10:00:00.000Z",
    });
    expect(keys.verifier.verify(attestationSigningInput(attestation), signature)).toBe(true);
    expect(verifyAttestation(attestation, keys.verifier).valid).toBe(true);
  });

  it("returns a frozen attestation", async () => {
    const attestation = await executeFromSignals(
      LOAN,
      keys.signer,
      keys.verifier,
      new MemoryReplayStore(),
    );
    expect(Object.isFrozen(attestation)).toBe(true);
    expect(Object.isFrozen(attestation.decision)).toBe(true);
  });

  it("takes signerKeyId, trustRootVersion, runtime, clock (Date) and generateId from options", async () => {
    const runtime = {
      runtimeVersion: "2.0.0",
      runtimeHash: `sha256:${"1".repeat(64)}`,
      releaseManifestHash: `sha256:${"2".repeat(64)}`,
      evaluatorSemanticHash: `sha256:${"3".repeat(64)}`,
      evaluatorArtifactHash: `sha256:${"4".repeat(64)}`,
    };
    const attestation = await executeFromSignals(LOAN, keys.signer, keys.verifier, {
      replayStore: new MemoryReplayStore(),
      signerKeyId: "parmanasystems-root-2026",
      trustRootVersion: "2026-01",
      runtime,
      clock: () => new Date("2026-02-01T00:00:00Z"),
      generateId: () => "generated-id",
    });
    expect(attestation).toMatchObject({
      signerKeyId: "parmanasystems-root-2026",
      trustRootVersion: "2026-01",
      runtimeVersion: "2.0.0",
      runtimeHash: runtime.runtimeHash,
      releaseManifestHash: runtime.releaseManifestHash,
      evaluatorHash: runtime.evaluatorSemanticHash,
      evaluatorSemanticHash: runtime.evaluatorSemanticHash,
      evaluatorArtifactHash: runtime.evaluatorArtifactHash,
      issuedAt: "2026-02-01T00:00:00.000Z",
      executionId: "generated-id",
    });
    expect(
      verifyAttestation(attestation, keys.verifier, { trustedRuntimes: [runtime] }).valid,
    ).toBe(true);
  });

  it('writes signerKeyId "unspecified" for a signer without keyId', async () => {
    const bare: Signer = { sign: (payload) => keys.signer.sign(payload) };
    const attestation = await executeFromSignals(
      LOAN,
      bare,
      keys.verifier,
      new MemoryReplayStore(),
    );
    expect(attestation.signerKeyId).toBe("unspecified");
  });

  it("uses bundle identity from a compiled policy served from a signed bundle", async () => {
    const bundle = {
      bundleHash: `sha256:${"b".repeat(64)}`,
      manifestHash: `sha256:${"c".repeat(64)}`,
      manifestSignature: "bWFuaWZlc3Qtc2lnbmF0dXJl",
    };
    const bundled: CompiledPolicy = Object.create(fixtureLoan, {
      bundle: { value: bundle },
    }) as CompiledPolicy;
    const attestation = await executeFromSignals(LOAN, keys.signer, keys.verifier, {
      replayStore: new MemoryReplayStore(),
      policies: { resolve: () => bundled },
    });
    expect(attestation).toMatchObject(bundle);
  });

  it("generates a UUID executionId when none is given", async () => {
    const attestation = await executeFromSignals(
      LOAN,
      keys.signer,
      keys.verifier,
      new MemoryReplayStore(),
    );
    expect(attestation.executionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("adds a provenance summary only when a signal carries provenance, without changing the fingerprint", async () => {
    const provenance = {
      source: "CIBIL",
      sourceType: "financial_api",
      sourceVerified: true,
      trustLevel: "verified",
    } as const;
    const governed = await executeFromSignals(
      { ...LOAN, signals: { credit_score: withProvenance(720, provenance), loan_amount: 15000 } },
      keys.signer,
      keys.verifier,
      new MemoryReplayStore(),
    );
    const plain = await executeFromSignals(
      LOAN,
      keys.signer,
      keys.verifier,
      new MemoryReplayStore(),
    );
    expect(governed.provenance).toMatchObject({
      signalsWithProvenance: 1,
      verifiedSignals: 1,
      minimumTrustLevel: "verified",
    });
    expect(governed.provenance?.provenanceHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.isFrozen(governed.provenance)).toBe(true);
    expect("provenance" in plain).toBe(false);
    expect(governed.execution_fingerprint).toBe(plain.execution_fingerprint);
    expect(governed.signalsHash).toBe(plain.signalsHash);
    expect(verifyAttestation(governed, keys.verifier).valid).toBe(true);
    const withoutProvenance = await executeFromSignals(
      {
        ...LOAN,
        signals: { credit_score: withProvenance(720, provenance), loan_amount: 15000 },
        executionId: "x",
      },
      keys.signer,
      keys.verifier,
      new MemoryReplayStore(),
    );
    expect(withoutProvenance.decision).toEqual(plain.decision);
  });
});

describe("executeFromSignals: call forms", () => {
  it("4 arguments: (input, signer, verifier, replayStore)", async () => {
    const attestation = await executeFromSignals(
      LOAN,
      keys.signer,
      keys.verifier,
      new MemoryReplayStore(),
    );
    expect(attestation.decision.action).toBe("approve");
  });

  it("5 arguments with undefined: (input, signer, verifier, undefined, replayStore)", async () => {
    const attestation = await executeFromSignals(
      LOAN,
      keys.signer,
      keys.verifier,
      undefined,
      new MemoryReplayStore(),
    );
    expect(attestation.decision.action).toBe("approve");
  });

  it("5 arguments with a runtime environment whose policiesRootPath wins over PARMANA_POLICIES_ROOT", async () => {
    vi.stubEnv("PARMANA_POLICIES_ROOT", "/nonexistent");
    const environment = {
      policiesRootPath: POLICIES_ROOT,
      trustPublicKeyPath: "/keys/public.pem",
      releaseManifestPath: "/artifacts/release-manifest.json",
      // trustRootPath is left out: a named trust root makes the registry strict (see
      // runtime-environment-trust-root.test.ts), and one that cannot be read fails closed.
    };
    const attestation = await executeFromSignals(
      LOAN,
      keys.signer,
      keys.verifier,
      environment,
      new MemoryReplayStore(),
    );
    expect(attestation.bundleHash).toBe(fixtureLoan.policyHash);
  });

  it("options with an in-memory policy registry", async () => {
    const policies = new MemoryPolicyRegistry([LOAN_POLICY]);
    const attestation = await executeFromSignals(LOAN, keys.signer, keys.verifier, {
      replayStore: new MemoryReplayStore(),
      policies,
    });
    expect(attestation.bundleHash).toBe(policies.resolve("loan-approval", "1.0.0").policyHash);
  });

  it.each([
    ["4th argument undefined", [undefined]],
    ["4th and 5th undefined", [undefined, undefined]],
    ["a runtime environment without a store", [{ policiesRootPath: POLICIES_ROOT }]],
    ["options without replayStore", [{ clock: () => FIXED_TIME }]],
    [
      "a store missing methods",
      [{ reserve: async () => undefined, confirm: async () => undefined }],
    ],
    ["an environment and a non-store", [undefined, { reserve: 1 }]],
  ])("%s → INV-REPLAY-001", async (_name, rest) => {
    const call = executeFromSignals as unknown as (...args: unknown[]) => Promise<unknown>;
    await expectRejectsParmanaError(
      call(LOAN, keys.signer, keys.verifier, ...rest),
      "INV-REPLAY-001",
      InvariantError,
    );
  });

  it.each([
    ["a string", ["memory"]],
    ["an array", [[]]],
    ["an object of unknown shape", [{ foo: 1 }, new MemoryReplayStore()]],
    ["options with an unknown key", [{ replayStore: new MemoryReplayStore(), clok: () => 1 }]],
    ["a store and a 5th argument", [new MemoryReplayStore(), new MemoryReplayStore()]],
    [
      "an environment path that is not a string",
      [{ policiesRootPath: 42 }, new MemoryReplayStore()],
    ],
  ])("%s as the 4th argument → INV-EXEC-003", async (_name, rest) => {
    const call = executeFromSignals as unknown as (...args: unknown[]) => Promise<unknown>;
    await expectRejectsParmanaError(
      call(LOAN, keys.signer, keys.verifier, ...rest),
      "INV-EXEC-003",
      InvariantError,
    );
  });

  it("a missing signer is INV-EXEC-001 and a missing verifier INV-EXEC-002", async () => {
    const store = new MemoryReplayStore();
    await expectRejectsParmanaError(
      executeFromSignals(LOAN, undefined as never, keys.verifier, store),
      "INV-EXEC-001",
      InvariantError,
    );
    await expectRejectsParmanaError(
      executeFromSignals(LOAN, keys.signer, {} as never, store),
      "INV-EXEC-002",
      InvariantError,
    );
    expect(store.size).toBe(0);
  });
});

describe("executeFromSignals: replay keys", () => {
  it("uses policyId:executionId as the replay key and refuses a second decision with INV-013", async () => {
    const store = new MemoryReplayStore();
    await executeFromSignals({ ...LOAN, executionId: "app-42" }, keys.signer, keys.verifier, store);
    expect(await store.hasExecuted("loan-approval:app-42")).toBe(true);
    await expectRejectsParmanaError(
      executeFromSignals(
        { ...LOAN, executionId: "app-42", signals: { credit_score: 500, loan_amount: 1 } },
        keys.signer,
        keys.verifier,
        store,
      ),
      "INV-013",
      ReplayError,
      /^\[INV-013\] Replay detected: loan-approval:app-42$/,
    );
  });

  it("scopes executionIds by policy: one id under two policies is two transactions", async () => {
    const store = new MemoryReplayStore();
    await executeFromSignals({ ...LOAN, executionId: "tx-1" }, keys.signer, keys.verifier, store);
    const claim = {
      policyId: "claims-approval",
      policyVersion: "1.0.0",
      executionId: "tx-1",
      signals: { claim_amount: 1000, policy_active: true, customer_tier: "gold" },
    };
    const attestation = await executeFromSignals(claim, keys.signer, keys.verifier, store);
    expect(attestation.decision.action).toBe("approve");
  });

  it("uses the fingerprint as the replay key without an executionId", async () => {
    const store = new MemoryReplayStore();
    const first = await executeFromSignals(LOAN, keys.signer, keys.verifier, store);
    expect(await store.hasExecuted(first.execution_fingerprint)).toBe(true);
    await expectRejectsParmanaError(
      executeFromSignals(
        { ...LOAN, signals: { loan_amount: 15000, credit_score: 720 } },
        keys.signer,
        keys.verifier,
        store,
      ),
      "INV-013",
      ReplayError,
      first.execution_fingerprint,
    );
  });

  it('turns a seed store\'s plain "[INV-013]" Error into a ReplayError', async () => {
    const seedStyle: ReplayStore = {
      reserve: async (key) => {
        throw new Error(`[INV-013] Replay detected: ${key}`);
      },
      confirm: async () => undefined,
      hasExecuted: async () => false,
      markExecuted: async () => undefined,
    };
    await expectRejectsParmanaError(
      executeFromSignals({ ...LOAN, executionId: "a" }, keys.signer, keys.verifier, seedStyle),
      "INV-013",
      ReplayError,
      "loan-approval:a",
    );
  });

  it("reports any other store failure as retryable INV-REPLAY-005", async () => {
    const broken: ReplayStore = {
      reserve: async () => {
        throw new Error("ECONNREFUSED");
      },
      confirm: async () => undefined,
      hasExecuted: async () => false,
      markExecuted: async () => undefined,
    };
    const error = await expectRejectsParmanaError(
      executeFromSignals(LOAN, keys.signer, keys.verifier, broken),
      "INV-REPLAY-005",
      InvariantError,
      /ECONNREFUSED/,
    );
    expect(error.retryable).toBe(true);
  });
});

describe("executeFromSignals: failures after reserve release the key", () => {
  async function expectReleased(store: MemoryReplayStore, key: string): Promise<void> {
    expect(store.status(key)).toBe("released");
    expect(await store.hasExecuted(key)).toBe(false);
    await store.reserve(key); // a retry can proceed
  }

  it("a signer that throws → SIG-005", async () => {
    const store = new MemoryReplayStore();
    const failing: Signer = {
      sign(): string {
        throw new Error("KMS throttled");
      },
    };
    const error = await expectRejectsParmanaError(
      executeFromSignals({ ...LOAN, executionId: "s1" }, failing, keys.verifier, store),
      "SIG-005",
      SignatureError,
      /KMS throttled/,
    );
    expect((error.cause as Error).message).toBe("KMS throttled");
    await expectReleased(store, "loan-approval:s1");
  });

  it("an async signer that rejects, or returns a non-string → SIG-005", async () => {
    const store = new MemoryReplayStore();
    const rejecting: Signer = { sign: async () => Promise.reject(new Error("Vault sealed")) };
    await expectRejectsParmanaError(
      executeFromSignals({ ...LOAN, executionId: "s2" }, rejecting, keys.verifier, store),
      "SIG-005",
      SignatureError,
    );
    await expectReleased(store, "loan-approval:s2");
    const silly = { sign: () => 42 } as unknown as Signer;
    await expectRejectsParmanaError(
      executeFromSignals({ ...LOAN, executionId: "s3" }, silly, keys.verifier, store),
      "SIG-005",
      SignatureError,
    );
    await expectReleased(store, "loan-approval:s3");
  });

  it("a verifier that says false (signer and verifier of different keys) → SIG-006", async () => {
    const store = new MemoryReplayStore();
    await expectRejectsParmanaError(
      executeFromSignals({ ...LOAN, executionId: "v1" }, keys.signer, otherKeys.verifier, store),
      "SIG-006",
      SignatureError,
    );
    await expectReleased(store, "loan-approval:v1");
  });

  it("a verifier that throws or answers a non-boolean → SIG-006", async () => {
    const store = new MemoryReplayStore();
    const throwing: Verifier = {
      verify(): boolean {
        throw new Error("boom");
      },
    };
    await expectRejectsParmanaError(
      executeFromSignals({ ...LOAN, executionId: "v2" }, keys.signer, throwing, store),
      "SIG-006",
      SignatureError,
      /boom/,
    );
    await expectReleased(store, "loan-approval:v2");
    const truthy = { verify: () => "true" } as unknown as Verifier;
    await expectRejectsParmanaError(
      executeFromSignals({ ...LOAN, executionId: "v3" }, keys.signer, truthy, store),
      "SIG-006",
      SignatureError,
    );
    await expectReleased(store, "loan-approval:v3");
  });

  it("no rule matched → SYS-006", async () => {
    const store = new MemoryReplayStore();
    const noCatchAll = { ...LOAN_POLICY, rules: LOAN_POLICY.rules.slice(0, 1) };
    await expectRejectsParmanaError(
      executeFromSignals({ ...LOAN, executionId: "n1" }, keys.signer, keys.verifier, {
        replayStore: store,
        policies: new MemoryPolicyRegistry([noCatchAll]),
      }),
      "SYS-006",
      SystemError,
      /No rule matched/,
    );
    await expectReleased(store, "loan-approval:n1");
  });

  it("a confirm that fails → INV-REPLAY-005 and release is called", async () => {
    const inner = new MemoryReplayStore();
    const released: string[] = [];
    const flaky: ReplayStore = {
      reserve: (key) => inner.reserve(key),
      confirm: async () => {
        throw new Error("write timeout");
      },
      hasExecuted: (key) => inner.hasExecuted(key),
      markExecuted: (key) => inner.markExecuted(key),
      release: async (key) => {
        released.push(key);
        await inner.release(key);
      },
    };
    await expectRejectsParmanaError(
      executeFromSignals({ ...LOAN, executionId: "c1" }, keys.signer, keys.verifier, flaky),
      "INV-REPLAY-005",
      InvariantError,
    );
    expect(released).toEqual(["loan-approval:c1"]);
  });

  it("a pending-override store that fails → its error, key released, nothing confirmed", async () => {
    const store = new MemoryReplayStore();
    const failing: PendingOverrideStore = {
      record: () => {
        throw new InvariantError("INV-EXEC-003", "database down");
      },
      find: () => undefined,
      markResolved: () => false,
    };
    const big = { ...LOAN, executionId: "p1", signals: { credit_score: 720, loan_amount: 900000 } };
    await expectRejectsParmanaError(
      executeFromSignals(big, keys.signer, keys.verifier, {
        replayStore: store,
        pendingOverrideStore: failing,
      }),
      "INV-EXEC-003",
      InvariantError,
      /database down/,
    );
    await expectReleased(store, "loan-approval:p1");
  });

  it("a release that fails does not hide the original error", async () => {
    const inner = new MemoryReplayStore();
    const store: ReplayStore = {
      reserve: (key) => inner.reserve(key),
      confirm: (key) => inner.confirm(key),
      hasExecuted: (key) => inner.hasExecuted(key),
      markExecuted: (key) => inner.markExecuted(key),
      release: async () => {
        throw new Error("release failed");
      },
    };
    await expectRejectsParmanaError(
      executeFromSignals(LOAN, keys.signer, otherKeys.verifier, store),
      "SIG-006",
      SignatureError,
    );
  });

  it("a broken clock or generateId fails before anything is reserved (INV-EXEC-003)", async () => {
    const store = new MemoryReplayStore();
    await expectRejectsParmanaError(
      executeFromSignals(LOAN, keys.signer, keys.verifier, {
        replayStore: store,
        clock: () => Number.NaN,
      }),
      "INV-EXEC-003",
      InvariantError,
    );
    await expectRejectsParmanaError(
      executeFromSignals(LOAN, keys.signer, keys.verifier, {
        replayStore: store,
        clock: () => 1e20,
      }),
      "INV-EXEC-003",
      InvariantError,
    );
    await expectRejectsParmanaError(
      executeFromSignals(LOAN, keys.signer, keys.verifier, {
        replayStore: store,
        clock: () => new Date(Number.NaN),
      }),
      "INV-EXEC-003",
      InvariantError,
    );
    await expectRejectsParmanaError(
      executeFromSignals(LOAN, keys.signer, keys.verifier, {
        replayStore: store,
        clock: () => "2026-01-01" as never,
      }),
      "INV-EXEC-003",
      InvariantError,
    );
    await expectRejectsParmanaError(
      executeFromSignals(LOAN, keys.signer, keys.verifier, {
        replayStore: store,
        generateId: () => "",
      }),
      "INV-EXEC-003",
      InvariantError,
    );
    await expectRejectsParmanaError(
      executeFromSignals(LOAN, keys.signer, keys.verifier, {
        replayStore: store,
        runtime: { runtimeVersion: "1" } as never,
      }),
      "INV-EXEC-003",
      InvariantError,
    );
    expect(store.size).toBe(0);
  });
});

describe("executeFromSignals: pending overrides", () => {
  it("marks a decision that requires override as pending_override and records it with the rule's roles", async () => {
    const pendingStore = new RecordingPendingStore();
    const claim = {
      executionId: "claim-CLM-2024-00441",
      policyId: "claims-approval",
      policyVersion: "1.0.0",
      signals: { claim_amount: 750000, policy_active: true, customer_tier: "gold" },
    };
    const attestation = await executeFromSignals(claim, keys.signer, keys.verifier, {
      replayStore: new MemoryReplayStore(),
      pendingOverrideStore: pendingStore,
    });
    expect(attestation.execution_state).toBe("pending_override");
    expect(attestation.decision.requires_override).toBe(true);
    expect(pendingStore.recorded).toHaveLength(1);
    const [pending] = pendingStore.recorded;
    expect(pending?.attestation).toBe(attestation);
    expect(pending?.signer).toBe(keys.signer);
    expect(pending?.verifier).toBe(keys.verifier);
    expect(pending?.ruleId).toBe("review-large-claim");
    expect(pending?.overrideRoles).toEqual(["claims-manager", "risk-manager"]);
  });

  it("records nothing for a completed decision, and omits overrideRoles when any role may override", async () => {
    const pendingStore = new RecordingPendingStore();
    await executeFromSignals(LOAN, keys.signer, keys.verifier, {
      replayStore: new MemoryReplayStore(),
      pendingOverrideStore: pendingStore,
    });
    expect(pendingStore.recorded).toHaveLength(0);
    await executeFromSignals(
      { ...LOAN, signals: { credit_score: 650, loan_amount: 1000 } },
      keys.signer,
      keys.verifier,
      {
        replayStore: new MemoryReplayStore(),
        pendingOverrideStore: pendingStore,
      },
    );
    expect(pendingStore.recorded).toHaveLength(1);
    expect(pendingStore.recorded[0]?.ruleId).toBe("review-borderline-score");
    expect("overrideRoles" in (pendingStore.recorded[0] as object)).toBe(false);
  });
});

describe("executeFromSignals: the default pending-override store", () => {
  it("records a pending decision in defaultPendingOverrideStore when no store is given", async () => {
    const attestation = await executeFromSignals(
      {
        ...LOAN,
        executionId: "default-pending-1",
        signals: { credit_score: 720, loan_amount: 900000 },
      },
      keys.signer,
      keys.verifier,
      new MemoryReplayStore(),
    );
    expect(attestation.execution_state).toBe("pending_override");
    const pending = await defaultPendingOverrideStore.find({ executionId: "default-pending-1" });
    expect(pending?.attestation).toBe(attestation);
    expect(pending?.ruleId).toBe("review-large-loan");
    const byFingerprint = await defaultPendingOverrideStore.find({
      execution_fingerprint: attestation.execution_fingerprint,
    });
    expect(byFingerprint?.attestation.executionId).toBe("default-pending-1");
  });
});

describe("executeFromSignals: LocalSigner subclasses", () => {
  it("calls an overridden sign (the shared-encoding shortcut is only for the plain classes)", async () => {
    const calls: string[] = [];
    class AuditedSigner extends LocalSigner {
      override sign(payload: string): string {
        calls.push(payload);
        return super.sign(payload);
      }
    }
    const attestation = await executeFromSignals(
      LOAN,
      new AuditedSigner(keys.privateKeyPem),
      keys.verifier,
      new MemoryReplayStore(),
    );
    expect(calls).toEqual([attestationSigningInput(attestation)]);
  });
});

describe("executeFromSignals: asynchronous signer and verifier", () => {
  it("awaits both", async () => {
    const asyncSigner: Signer = {
      signerKeyId: "kms-key",
      sign: async (payload) => keys.signer.sign(payload),
    };
    const asyncVerifier: Verifier = {
      verify: async (payload, signature) => keys.verifier.verify(payload, signature),
    };
    const attestation = await executeFromSignals(
      LOAN,
      asyncSigner,
      asyncVerifier,
      new MemoryReplayStore(),
    );
    expect(attestation.signerKeyId).toBe("kms-key");
    expect((await verifyAttestation(attestation, asyncVerifier)).valid).toBe(true);
  });
});
