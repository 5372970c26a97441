// What every documentation page takes as given ("given a signer and a verifier", "the
// attestation returned above"). A snippet that uses one of these names without declaring it
// imports it from here; the runner executes each snippet in a fresh working directory, so these
// are built anew for every snippet: a fresh key pair, in-memory stores, and the loan-approval
// policy of examples/loan-approval under ./policies.
import { randomUUID } from "node:crypto";
import { cpSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  compilePolicy,
  executeFromSignals,
  generateKeyPair,
  getRuntimeIdentity,
  LocalSigner,
  LocalVerifier,
  MemoryPendingOverrideStore,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  type CompiledPolicy,
  type ExecuteInput,
  type ExecutionAttestation,
  type PendingOverrideStore,
  type PolicyDocument,
  type PolicyRegistry,
  type RuntimeIdentity,
} from "@parmanasystems/core";

const EXAMPLE_POLICIES = fileURLToPath(
  new URL("../../../examples/loan-approval/policies", import.meta.url),
);
// The documented default: the file registry reads ./policies of the working directory.
cpSync(EXAMPLE_POLICIES, "policies", { recursive: true });

const keys = generateKeyPair();
export const privateKeyPem: string = keys.privateKeyPem;
export const publicKeyPem: string = keys.publicKeyPem;
export const signer: LocalSigner = new LocalSigner(privateKeyPem);
export const verifier: LocalVerifier = new LocalVerifier(publicKeyPem);
export const store: MemoryReplayStore = new MemoryReplayStore();
export const replayStore: MemoryReplayStore = store;
export const pendingOverrideStore: PendingOverrideStore = new MemoryPendingOverrideStore();
export const runtime: RuntimeIdentity = getRuntimeIdentity();

export const loanPolicy: PolicyDocument = JSON.parse(
  readFileSync("policies/loan-approval/1.0.0/policy.json", "utf8"),
) as PolicyDocument;
const compiled = compilePolicy(loanPolicy);
if (!compiled.valid) throw new Error(compiled.errors.map((e) => e.message).join("; "));
export const policy: CompiledPolicy = compiled.policy;
export const policies: PolicyRegistry = new MemoryPolicyRegistry([loanPolicy]);

/** A loan application with its own business id, as a request handler receives it. */
export const input: ExecuteInput = {
  executionId: `loan-app-${randomUUID()}`,
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals: { credit_score: 720, loan_amount: 15000 },
};

/** The attestation of an approved decision on another application. */
export const attestation: ExecutionAttestation = await executeFromSignals(
  { ...input, executionId: `loan-app-${randomUUID()}` },
  signer,
  verifier,
  new MemoryReplayStore(),
);
