import { readFileSync } from "node:fs";
import {
  compilePolicy,
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryPendingOverrideStore,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  type ExecutionAttestation,
  type PendingOverrideStore,
  type PolicyDocument,
} from "@parmanasystems/core";

/** The test policy (a copy lives in test/fixtures so the tests need nothing outside the repo). */
export const CLAIMS_POLICY: PolicyDocument = JSON.parse(
  readFileSync(new URL("../fixtures/claims-policy.json", import.meta.url), "utf8"),
) as PolicyDocument;

/** Signals of one claim. */
export type ClaimSignals = {
  readonly claim_amount: number;
  readonly policy_active: boolean;
  readonly fraud_score: number;
  readonly customer_tier: "gold" | "silver" | "bronze";
};

/** A decided claim: the attestation and the signals it was decided on. */
export interface DecidedClaim {
  readonly attestation: ExecutionAttestation;
  readonly signals: ClaimSignals;
}

/** Deterministic pseudo-random claims: amounts 10,000..1,990,000; some inactive, some fraud. */
export function claimSignals(i: number): ClaimSignals {
  const x = (i * 2654435761) % 4294967296;
  return {
    claim_amount: 10_000 + (x % 199) * 10_000,
    policy_active: x % 7 !== 0,
    fraud_score: (x >>> 8) % 100,
    customer_tier: (["gold", "silver", "bronze"] as const)[x % 3] ?? "gold",
  };
}

/** A signer, its verifier and a function deciding claims under the test policy. */
export function claimsIssuer(options: { pendingOverrideStore?: PendingOverrideStore } = {}): {
  signer: LocalSigner;
  verifier: LocalVerifier;
  publicKeyPem: string;
  privateKeyPem: string;
  decide(executionId: string, signals: ClaimSignals): Promise<DecidedClaim>;
} {
  const { privateKeyPem, publicKeyPem } = generateKeyPair();
  const signer = new LocalSigner(privateKeyPem);
  const verifier = new LocalVerifier(publicKeyPem);
  const compiled = compilePolicy(CLAIMS_POLICY);
  if (!compiled.valid || compiled.policy === undefined)
    throw new Error(JSON.stringify(compiled.errors));
  const policies = new MemoryPolicyRegistry([compiled.policy]);
  const replayStore = new MemoryReplayStore({ warnInProduction: false });
  const pendingOverrideStore = options.pendingOverrideStore ?? new MemoryPendingOverrideStore();
  return {
    signer,
    verifier,
    publicKeyPem,
    privateKeyPem,
    async decide(executionId, signals) {
      const attestation = await executeFromSignals(
        {
          executionId,
          policyId: CLAIMS_POLICY.policyId,
          policyVersion: CLAIMS_POLICY.policyVersion,
          signals: { ...signals },
        },
        signer,
        verifier,
        { replayStore, policies, pendingOverrideStore },
      );
      return { attestation, signals };
    },
  };
}
