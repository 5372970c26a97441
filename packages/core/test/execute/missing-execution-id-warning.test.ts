// Omitting executionId makes the fingerprint the replay key; the library warns once per process.
import { afterEach, describe, expect, it, vi } from "vitest";
import { executeFromSignals, MemoryPolicyRegistry, MemoryReplayStore } from "@parmanasystems/core";
import { LOAN_POLICY, makeKeys } from "../helpers/decision-loop-fixtures.js";

const WARNED = Symbol.for("@parmanasystems/core/warnedMissingExecutionId");
const keys = makeKeys();

function decide(executionId?: string) {
  return executeFromSignals(
    {
      ...(executionId === undefined ? {} : { executionId }),
      policyId: LOAN_POLICY.policyId,
      policyVersion: LOAN_POLICY.policyVersion,
      signals: { credit_score: 720, loan_amount: 15000 },
    },
    keys.signer,
    keys.verifier,
    {
      replayStore: new MemoryReplayStore({ warnInProduction: false }),
      policies: new MemoryPolicyRegistry([LOAN_POLICY]),
    },
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as { [WARNED]?: boolean })[WARNED];
});

describe("executeFromSignals without an executionId", () => {
  it("emits one PARMANA_NO_EXECUTION_ID process warning, however many calls", async () => {
    delete (globalThis as { [WARNED]?: boolean })[WARNED];
    const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    await decide();
    await decide();
    const ours = emit.mock.calls.filter(
      (call) => (call[1] as { code?: string } | undefined)?.code === "PARMANA_NO_EXECUTION_ID",
    );
    expect(ours).toHaveLength(1);
    const [message, options] = ours[0] as [string, { type: string; code: string }];
    expect(message).toMatch(/^executeFromSignals was called without an executionId: .*INV-013/);
    expect(options).toEqual({ type: "ParmanaWarning", code: "PARMANA_NO_EXECUTION_ID" });
  });

  it("does not warn when an executionId is given", async () => {
    delete (globalThis as { [WARNED]?: boolean })[WARNED];
    const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    await decide("loan-1");
    expect(
      emit.mock.calls.filter(
        (call) => (call[1] as { code?: string } | undefined)?.code === "PARMANA_NO_EXECUTION_ID",
      ),
    ).toEqual([]);
  });
});

describe("executeFromSignals under a development runtime identity (run from source)", () => {
  const DEV = Symbol.for("@parmanasystems/core/warnedDevelopmentRuntime");
  afterEach(() => {
    vi.unstubAllEnvs();
    delete (globalThis as { [DEV]?: boolean })[DEV];
  });

  it("warns loudly once (PARMANA_DEVELOPMENT_RUNTIME)", async () => {
    delete (globalThis as { [DEV]?: boolean })[DEV];
    const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    await decide("dev-1");
    await decide("dev-2");
    const ours = emit.mock.calls.filter(
      (call) => (call[1] as { code?: string } | undefined)?.code === "PARMANA_DEVELOPMENT_RUNTIME",
    );
    expect(ours).toHaveLength(1);
    expect(ours[0]?.[0]).toMatch(/^signing under a development runtime identity .*INV-VERIFY-004/);
  });

  it("refuses with TRUST-093 under NODE_ENV=production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await expect(decide("dev-3")).rejects.toMatchObject({
      code: "TRUST-093",
      message: expect.stringMatching(/^\[TRUST-093\] signing under a development runtime identity/),
    });
  });
});
