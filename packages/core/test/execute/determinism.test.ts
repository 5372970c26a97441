import { describe, expect, it } from "vitest";
import {
  executeFromSignals,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  withProvenance,
} from "@parmanasystems/core";
import { LOAN_POLICY, makeKeys } from "../helpers/decision-loop-fixtures.js";

const keys = makeKeys();
const policies = new MemoryPolicyRegistry([LOAN_POLICY]);
const clock = (): number => Date.UTC(2026, 0, 15, 10, 0, 0);

async function decide(
  signals: Record<string, unknown>,
  executionId = "loan-app-1",
): Promise<string> {
  const attestation = await executeFromSignals(
    { executionId, policyId: "loan-approval", policyVersion: "1.0.0", signals },
    keys.signer,
    keys.verifier,
    { replayStore: new MemoryReplayStore(), policies, clock },
  );
  return JSON.stringify(attestation);
}

describe("executeFromSignals determinism", () => {
  it("same input, key, clock and id → byte-identical attestation JSON (Ed25519 is deterministic)", async () => {
    const first = await decide({ credit_score: 720, loan_amount: 15000 });
    const second = await decide({ credit_score: 720, loan_amount: 15000 });
    expect(second).toBe(first);
  });

  it("signals with keys in another order → same fingerprint, signalsHash and signature", async () => {
    const a = JSON.parse(await decide({ credit_score: 720, loan_amount: 15000 })) as Record<
      string,
      unknown
    >;
    const b = JSON.parse(await decide({ loan_amount: 15000, credit_score: 720 })) as Record<
      string,
      unknown
    >;
    expect(b["execution_fingerprint"]).toBe(a["execution_fingerprint"]);
    expect(b["signalsHash"]).toBe(a["signalsHash"]);
    expect(b["signature"]).toBe(a["signature"]);
  });

  it("provenance wrappers never change the fingerprint", async () => {
    const plain = JSON.parse(await decide({ credit_score: 720, loan_amount: 15000 })) as Record<
      string,
      unknown
    >;
    const governed = JSON.parse(
      await decide({
        credit_score: withProvenance(720, {
          source: "CIBIL",
          sourceType: "financial_api",
          sourceVerified: false,
        }),
        loan_amount: 15000,
      }),
    ) as Record<string, unknown>;
    expect(governed["execution_fingerprint"]).toBe(plain["execution_fingerprint"]);
  });

  it("a different executionId changes the attestation but not the fingerprint", async () => {
    const a = JSON.parse(await decide({ credit_score: 720, loan_amount: 15000 }, "one")) as Record<
      string,
      unknown
    >;
    const b = JSON.parse(await decide({ credit_score: 720, loan_amount: 15000 }, "two")) as Record<
      string,
      unknown
    >;
    expect(b["execution_fingerprint"]).toBe(a["execution_fingerprint"]);
    expect(b["signature"]).not.toBe(a["signature"]);
  });

  it("-0 and 0 are the same signal value (RFC 8785)", async () => {
    const a = JSON.parse(await decide({ credit_score: 720, loan_amount: 0 })) as Record<
      string,
      unknown
    >;
    const b = JSON.parse(await decide({ credit_score: 720, loan_amount: -0 })) as Record<
      string,
      unknown
    >;
    expect(b["execution_fingerprint"]).toBe(a["execution_fingerprint"]);
  });
});
