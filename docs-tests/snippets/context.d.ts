// The values documentation snippets take from the text around them ("given a signer and a
// verifier", "the attestation returned above"). Declared, not built: the snippets are
// type-checked, and a name declared here is what a reader already has at that point.
import type {
  CompiledPolicy,
  ExecuteInput,
  ExecutionAttestation,
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
  PendingOverrideStore,
  PolicyDocument,
  PolicyRegistry,
  RuntimeIdentity,
} from "@parmanasystems/core";

declare global {
  const signer: LocalSigner;
  const verifier: LocalVerifier;
  const store: MemoryReplayStore;
  const replayStore: MemoryReplayStore;
  const attestation: ExecutionAttestation;
  const privateKeyPem: string;
  const publicKeyPem: string;
  const input: ExecuteInput;
  const loanPolicy: PolicyDocument;
  const policy: CompiledPolicy;
  const policies: PolicyRegistry;
  const pendingOverrideStore: PendingOverrideStore;
  const runtime: RuntimeIdentity;
}
