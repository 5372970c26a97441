// The three call forms of executeFromSignals, as the product documents write them: a replay
// store fourth; a runtime environment fourth and the store fifth; an options object fourth.
// Checked by `pnpm typecheck`.
import {
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
  executeFromSignals,
  type ExecuteInput,
  type ExecuteOptions,
  type ExecutionAttestation,
  type ReplayStore,
} from "@parmanasystems/core";
import { expectType } from "./assert-type.js";

declare const privateKeyPem: string;
declare const publicKeyPem: string;
const signer = new LocalSigner(privateKeyPem);
const verifier = new LocalVerifier(publicKeyPem);
const replayStore: ReplayStore = new MemoryReplayStore();
const input: ExecuteInput = {
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals: { credit_score: 720 },
};

// 1. (input, signer, verifier, replayStore)
expectType<Promise<ExecutionAttestation>>()(
  executeFromSignals(input, signer, verifier, replayStore),
);
// 2. (input, signer, verifier, runtimeEnvironment | undefined, replayStore)
expectType<Promise<ExecutionAttestation>>()(
  executeFromSignals(input, signer, verifier, { policiesRootPath: "./policies" }, replayStore),
);
expectType<Promise<ExecutionAttestation>>()(
  executeFromSignals(input, signer, verifier, undefined, replayStore),
);
// 3. (input, signer, verifier, options)
const options: ExecuteOptions = { replayStore, clock: () => new Date(), timeoutMs: 5_000 };
expectType<Promise<ExecutionAttestation>>()(executeFromSignals(input, signer, verifier, options));
expectType<Promise<ExecutionAttestation>>()(
  executeFromSignals(input, signer, verifier, { replayStore, clock: () => 0 }),
);

// @ts-expect-error a replay store is always required
void executeFromSignals(input, signer, verifier);
// @ts-expect-error options without a replay store
void executeFromSignals(input, signer, verifier, { timeoutMs: 5_000 });
// @ts-expect-error a runtime environment alone (the store comes fifth)
void executeFromSignals(input, signer, verifier, { policiesRootPath: "./policies" });
// @ts-expect-error the options form takes no fifth argument
void executeFromSignals(input, signer, verifier, options, replayStore);
// @ts-expect-error the input names its policy
void executeFromSignals({ signals: {} }, signer, verifier, replayStore);
// @ts-expect-error the result is a Promise, never an attestation at once
const attestation: ExecutionAttestation = executeFromSignals(input, signer, verifier, replayStore);

export { attestation };
