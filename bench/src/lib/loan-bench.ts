// What every bench that makes real attestations starts from, so each bench states only what it
// measures: the bench loan policy, a fresh Ed25519 key pair with a LocalSigner and LocalVerifier of
// it, and executeFromSignals options (the policy in a MemoryPolicyRegistry, a MemoryReplayStore
// large enough for any bench run).
import { readFileSync } from "node:fs";
import {
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  type Ed25519KeyPair,
  type ExecuteOptions,
  type ExecutionAttestation,
  type PolicyDocument,
} from "@parmanasystems/core";
import { LOAN_SIGNALS } from "./loan-signals.js";

/** The bench loan policy (fixtures/loan-approval-policy.json), parsed. */
export function loanPolicy(): PolicyDocument {
  return JSON.parse(
    readFileSync(new URL("../../fixtures/loan-approval-policy.json", import.meta.url), "utf8"),
  ) as PolicyDocument;
}

/** A signer, a verifier and options ready for executeFromSignals on the loan policy. */
export interface LoanBench {
  readonly policy: PolicyDocument;
  /** The key pair, for raw node:crypto sides and peers that need the keys themselves. */
  readonly keys: Ed25519KeyPair;
  readonly signer: LocalSigner;
  readonly verifier: LocalVerifier;
  readonly options: ExecuteOptions & {
    readonly replayStore: MemoryReplayStore;
    readonly policies: MemoryPolicyRegistry;
  };
  /** One decision of the loan policy, attested; `signals` defaults to an approved application. */
  decide(executionId: string, signals?: Record<string, unknown>): Promise<ExecutionAttestation>;
}

/** Sets up a {@link LoanBench} with a fresh key pair. */
export function loanBench(): LoanBench {
  const policy = loanPolicy();
  const keys = generateKeyPair();
  const signer = new LocalSigner(keys.privateKeyPem);
  const verifier = new LocalVerifier(keys.publicKeyPem);
  const options = {
    replayStore: new MemoryReplayStore({ maxSize: 10_000_000, warnInProduction: false }),
    policies: new MemoryPolicyRegistry([policy]),
  };
  return {
    policy,
    keys,
    signer,
    verifier,
    options,
    decide: (executionId, signals = LOAN_SIGNALS) =>
      executeFromSignals(
        {
          executionId,
          policyId: policy.policyId,
          policyVersion: policy.policyVersion,
          signals,
        },
        signer,
        verifier,
        options,
      ),
  };
}

/** An attestation as an auditor gets it from storage: parsed JSON, not the frozen original. */
export function asStored(attestation: ExecutionAttestation): Record<string, unknown> {
  return JSON.parse(JSON.stringify(attestation)) as Record<string, unknown>;
}
