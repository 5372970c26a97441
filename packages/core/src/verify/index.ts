export { verifyAttestation } from "./verify-attestation.js";
export { collectTrustedRuntimes } from "./trusted-runtimes.js";
export type { NotPromiseLike } from "../internal/not-promise-like.types.js";
export type { TrustedRuntimeSet } from "./trusted-runtimes.js";
export type {
  AttestationChecks,
  AttestationVerificationResult,
  TrustedRuntime,
  VerifyAttestationOptions,
  VerifyAttestationInput,
} from "./verify-attestation.types.js";
