export { loadTrustRoot } from "./load-trust-root.js";
export { validateTrustRoot } from "./validate-trust-root.js";
export { computeTrustRootHash } from "./trust-root-hash.js";
export { TRUST_KEY_PURPOSES, purposesForDomain } from "./trust-key-purposes.js";
export { selectTrustedKey } from "./select-trusted-key.js";
export type {
  SelectTrustedKeyOptions,
  TrustedKeySelection,
  TrustedKeySelected,
  TrustedKeyRefused,
} from "./select-trusted-key.js";
export { createTrustRootVerifier } from "./trust-root-verifier.js";
export { checkTrustRootFreshness } from "./check-trust-root-freshness.js";
export type {
  TrustRootVerifier,
  TrustRootVerifierOptions,
  TrustRootVerification,
  TrustRootVerificationResult,
  TrustRootSignatureContext,
} from "./trust-root-verifier.js";
export { rotateTrustRoot } from "./rotate-trust-root.js";
export type {
  RotateTrustRootOptions,
  TrustRootRotation,
  TrustKeyRevocation,
} from "./rotate-trust-root.js";
export { rotationSigningInput } from "./rotation-record.js";
export { walkTrustChain } from "./walk-trust-chain.js";
export { createTrustRoot, createTrustRootKey } from "./create-trust-root.js";
export type { CreateTrustRootOptions, CreateTrustRootKeyOptions } from "./create-trust-root.js";
export type {
  TrustRoot,
  TrustRootKey,
  TrustKeyPurpose,
  RotationRecord,
  RotationRecordPayload,
  TrustRootProblem,
} from "./trust-root.types.js";
