// The platform-neutral part of core: no node: import anywhere below this file (a test walks the
// graph). @parmanasystems/verify bundles these modules from source, so core and the WebCrypto
// verifier share one canonicalizer and one set of checks. Not a public entry of core.

// Canonical JSON and signing domains
export { canonicalize } from "../canonical/canonicalize.js";
export {
  SIGNING_DOMAINS,
  applySigningDomain,
  canonicalizeForSigning,
} from "../canonical/signing-domains.js";
export type { SigningDomain, SigningEnvelope } from "../canonical/signing-domains.js";

// Errors
export {
  CanonicalizationError,
  InvariantError,
  OverrideError,
  ParmanaError,
  SignatureError,
  TrustError,
} from "../errors/parmana-error.js";

// Encodings
export { decodeBase64Strict, encodeBase64 } from "../crypto/base64.js";
export type { SignatureAlgorithmName, SigningKeyAlgorithm } from "../crypto/signer.types.js";

// Key and signature strictness (weak Ed25519 keys, low-S P-256 signatures)
export { weakEd25519KeyError } from "../crypto/internal/ed25519-weak-keys.js";
export { isLowSEcdsa } from "../crypto/ecdsa-low-s.js";

// Attestations
export { attestationSigningInput } from "../attestation/attestation-signing-input.js";
export type { ExecutionAttestation } from "../attestation/attestation.types.js";
export { checkAttestationRecord } from "../verify/internal/check-attestation-record.js";
export { describeUntrusted, isPlainRecord, messageOf } from "../internal/type-checks.js";
export type { RecordFindings } from "../verify/internal/check-attestation-record.js";
export { Report, checkRuntime, checkSchema } from "../verify/internal/attestation-report.js";
export { buildTrustedRuntimeSet, listOption } from "../verify/internal/trusted-runtime-set.js";
export type {
  TrustedRuntimeSet,
  TrustedRuntimeSources,
} from "../verify/internal/trusted-runtime-set.js";
export type {
  AttestationChecks,
  AttestationVerificationResult,
  TrustedRuntime,
} from "../verify/verify-attestation.types.js";
export type { RuntimeManifest } from "../runtime/runtime-manifest.types.js";

// Trust roots
export { chooseTrustedKey, unusableKeyRefusal } from "../trust/internal/choose-trusted-key.js";
export type { TrustedKeyChoice, TrustedKeyRefused } from "../trust/internal/choose-trusted-key.js";
export {
  firstAccepted,
  isRefusal,
  planTrustRootSignature,
  sameKeyUnderAnotherIdHint,
  signatureRefusal,
} from "../trust/internal/trust-root-explain.js";
export type { TrustRootSignaturePlan } from "../trust/internal/trust-root-explain.js";
export { invalidTrustRootError, trustRootProblems } from "../trust/internal/trust-root-problems.js";
export type { TrustRootInspector } from "../trust/internal/trust-root-problems.js";
export { trustRootHashInput } from "../trust/internal/trust-root-hash-input.js";
export { rotationSigningInput } from "../trust/rotation-record.js";
export { trustChainSteps } from "../trust/internal/trust-chain-steps.js";
export type {
  LoadedChainRoot,
  TrustChainRequest,
  TrustChainVerifyAnswer,
} from "../trust/internal/trust-chain-steps.js";
export { trustRootRollbackError } from "../trust/internal/trust-root-rollback.js";
export type {
  RotationRecord,
  TrustKeyPurpose,
  TrustRoot,
  TrustRootKey,
  TrustRootProblem,
} from "../trust/trust-root.types.js";
export type {
  TrustRootSignatureContext,
  TrustRootVerificationResult,
} from "../trust/trust-root-verifier.js";

// Overrides and execution integrity
export { afterSignature, finish, prepare } from "../override/internal/override-checks.js";
export type { CanonicalHashFunction, Prepared } from "../override/internal/override-checks.js";
export type {
  OverrideRecord,
  OverrideVerificationChecks,
  OverrideVerificationResult,
} from "../override/override-record.types.js";
export type { VerifierAnswer } from "../override/internal/verifier-call.js";
export {
  afterIntegritySignature,
  prepareIntegrity,
} from "../integrity/internal/integrity-checks.js";
export { integrityHashInput } from "../integrity/internal/integrity-fields.js";
export type {
  ExecutionIntegrityProof,
  ExecutionIntegrityVerificationResult,
} from "../integrity/execution-integrity.types.js";

// Bundle manifests
export { bundleHashInput } from "../bundle/internal/bundle-hash-input.js";
export {
  bundleManifestProblems,
  bundleSignatureProblems,
} from "../bundle/internal/bundle-manifest-shape.js";
export type { BundleManifest, BundleSignature } from "../bundle/bundle.types.js";

// Runtimes
export { RELEASED_RUNTIMES } from "../runtime/internal/released-runtimes.js";
export {
  checkPolicyIdentity,
  normalizeArtifactText,
  POLICY_ARTIFACT,
} from "../bundle/internal/bundle-content.js";
export { readAttestationOptions } from "../verify/internal/attestation-options.js";
export { runtimeManifestDefinition } from "../runtime/internal/runtime-manifest-shape.js";

// Transparency log proofs and checkpoints (RFC 9162, c2sp.org/tlog-checkpoint, signed-note)
export { runSteps, runStepsAsync } from "../internal/run-steps.js";
export {
  consistencySteps,
  inclusionSteps,
} from "../transparency/internal/verify-transparency-steps.js";
export {
  equalBytes,
  inclusionProofSides,
  planConsistencyCheck,
} from "../transparency/internal/merkle-proof-shape.js";
export type {
  TransparencyAnswer,
  TransparencyRequest,
  TransparencySteps,
} from "../transparency/internal/transparency-steps.types.js";
export type {
  Checkpoint,
  ConsistencyProof,
  ConsistencyVerificationResult,
  InclusionProof,
  InclusionVerificationResult,
} from "../transparency/transparency.types.js";
