// @parmanasystems/verify: Parmana verification on WebCrypto, for browsers, Deno, Bun, Cloudflare
// Workers and Node, with no dependencies and no Node built-ins. The checks are core's own,
// bundled from its source.

// Verification
export { verifyAttestation } from "./verify/verify-attestation.js";
export { verifyOverride } from "./verify/verify-override.js";
export { verifyExecutionIntegrity } from "./verify/verify-execution-integrity.js";
export { verifyBundleManifest } from "./verify/verify-bundle-manifest.js";
export type {
  BundleManifestChecks,
  BundleManifestVerificationResult,
  VerifyBundleManifestOptions,
} from "./verify/verify-bundle-manifest.js";
export type { NotPromiseLike } from "./verify/not-promise-like.types.js";
export type {
  TrustRootInput,
  VerifyAttestationInput,
  VerifyAttestationOptions,
} from "./verify/verify.types.js";

// Transparency log
export { verifyInclusion } from "./transparency/verify-inclusion.js";
export { verifyConsistency } from "./transparency/verify-consistency.js";
export type { LogVerificationKey } from "./transparency/log-verification-key.types.js";

// Trust roots
export { walkTrustChain } from "./trust/walk-trust-chain.js";
export { checkTrustRootFreshness } from "./trust/check-trust-root-freshness.js";

// Keys
export { importPublicKey, isVerificationKey } from "./keys/import-public-key.js";
export type { WebCryptoKey } from "./crypto/webcrypto.types.js";
export type {
  PublicJsonWebKey,
  PublicKeyInput,
  VerificationKey,
} from "./keys/verification-key.types.js";

// Formats shared with @parmanasystems/core
export {
  canonicalize,
  canonicalizeForSigning,
  CanonicalizationError,
  InvariantError,
  OverrideError,
  ParmanaError,
  SignatureError,
  SIGNING_DOMAINS,
  TrustError,
} from "@parmanasystems/core/portable";
export type {
  AttestationChecks,
  AttestationVerificationResult,
  BundleManifest,
  BundleSignature,
  Checkpoint,
  ConsistencyProof,
  ConsistencyVerificationResult,
  ExecutionAttestation,
  ExecutionIntegrityProof,
  ExecutionIntegrityVerificationResult,
  InclusionProof,
  InclusionVerificationResult,
  OverrideRecord,
  OverrideVerificationChecks,
  OverrideVerificationResult,
  RuntimeManifest,
  SignatureAlgorithmName,
  SigningKeyAlgorithm,
  SigningDomain,
  TrustedRuntime,
  TrustKeyPurpose,
  TrustRoot,
  TrustRootKey,
} from "@parmanasystems/core/portable";
