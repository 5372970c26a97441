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
    expect(emit).toHaveBeenCalledTimes(1);
    const [message, options] = emit.mock.calls[0] as [string, { type: string; code: string }];
    expect(message).toMatch(/^executeFromSignals was called without an executionId: .*INV-013/);
    expect(options).toEqual({ type: "ParmanaWarning", code: "PARMANA_NO_EXECUTION_ID" });
  });

  it("does not warn when an executionId is given", async () => {
    delete (globalThis as { [WARNED]?: boolean })[WARNED];
    const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    await decide("loan-1");
    expect(emit).not.toHaveBeenCalled();
  });
});
