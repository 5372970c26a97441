export { attestationPayload, attestationSigningInput } from "./attestation-signing-input.js";
export {
  computeSignalsHash,
  computeExecutionFingerprint,
  computeExecutionHashes,
} from "./execution-fingerprint.js";
export type {
  ExecutionAttestation,
  AttestationPayload,
  AttestationDecision,
  ExecutionState,
} from "./attestation.types.js";
