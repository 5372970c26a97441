import { describe, expect, it } from "vitest";
import type { ParmanaError } from "@parmanasystems/core";
import {
  executeFromSignals,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  ReplayError,
  verifyAttestation,
} from "@parmanasystems/core";
import { LOAN_POLICY, LOAN_SIGNALS, makeKeys } from "../helpers/decision-loop-fixtures.js";

const keys = makeKeys();
const policies = new MemoryPolicyRegistry([LOAN_POLICY]);
const input = (executionId: string) => ({
  executionId,
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals: LOAN_SIGNALS,
});

describe("executeFromSignals under concurrency", () => {
  it("1,000 concurrent calls with one executionId: exactly one attestation and 999 INV-013", async () => {
    const store = new MemoryReplayStore();
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, () =>
        executeFromSignals(input("loan-app-7"), keys.signer, keys.verifier, {
          replayStore: store,
          policies,
        }),
      ),
    );
    const attestations = results.filter((result) => result.status === "fulfilled");
    const refusals = results.filter(
      (result): result is PromiseRejectedResult => result.status === "rejected",
    );
    expect(attestations).toHaveLength(1);
    expect(refusals).toHaveLength(999);
    for (const refusal of refusals) {
      expect(refusal.reason).toBeInstanceOf(ReplayError);
      expect((refusal.reason as ParmanaError).message).toBe(
        "[INV-013] Replay detected: loan-approval:loan-app-7",
      );
    }
    expect(await store.hasExecuted("loan-approval:loan-app-7")).toBe(true);
  });

  it("1,000 concurrent calls with distinct executionIds: 1,000 valid attestations", async () => {
    const store = new MemoryReplayStore();
    const attestations = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        executeFromSignals(input(`loan-app-${index}`), keys.signer, keys.verifier, {
          replayStore: store,
          policies,
        }),
      ),
    );
    expect(new Set(attestations.map((attestation) => attestation.executionId)).size).toBe(1000);
    expect(new Set(attestations.map((attestation) => attestation.execution_fingerprint)).size).toBe(
      1,
    );
    expect(
      attestations.every((attestation) => verifyAttestation(attestation, keys.verifier).valid),
    ).toBe(true);
    expect(store.size).toBe(1000);
  });

  it("concurrent calls without executionId and equal signals decide once (fingerprint key)", async () => {
    const store = new MemoryReplayStore();
    const bare = { policyId: "loan-approval", policyVersion: "1.0.0", signals: LOAN_SIGNALS };
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () =>
        executeFromSignals(bare, keys.signer, keys.verifier, { replayStore: store, policies }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });
});
