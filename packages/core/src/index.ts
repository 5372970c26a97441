// Public API of @parmanasystems/core: explicit lists only, one block per folder, so every new
// export shows in review (test/exports/export-lists.test.ts snapshots this list). Building blocks
// that only Parmana's own packages share live in ./internal/index.ts
// (`@parmanasystems/core/internal`), which carries no stability promise.

// Errors: one base class, one family class per code prefix, the code catalogue
export {
  ParmanaError,
  ValidationError,
  PolicyError,
  InvariantError,
  ReplayError,
  SystemError,
  OverrideError,
  CanonicalizationError,
  SignatureError,
  TrustError,
  StoreError,
  ProvenanceError,
  ERROR_CATALOG,
  describeErrorCode,
} from "./errors/index.js";
export type {
  ParmanaErrorOptions,
  ParmanaErrorCodeOf,
  ErrorCodeEntry,
  ParmanaErrorCode,
} from "./errors/index.js";

// Canonical JSON (RFC 8785) and signing domains
export {
  canonicalize,
  MAX_CANONICAL_DEPTH,
  SIGNING_DOMAINS,
  applySigningDomain,
  canonicalizeForSigning,
} from "./canonical/index.js";
export type { SigningDomain, SigningEnvelope } from "./canonical/index.js";

// Hashing
export { sha256Hex, canonicalHash, prefixedSha256, SHA256_PREFIX } from "./hashing/index.js";

// Keys, signers and verifiers
export {
  LocalSigner,
  LocalVerifier,
  normalizeEcdsaP256Signature,
  generateKeyPair,
  generateP256KeyPair,
  ed25519PrivateKeyFromRaw,
  deriveKeyId,
  exportPublicKeyPem,
  exportEd25519PublicKeyRaw,
  encodeBase64,
} from "./crypto/index.js";
export type {
  LocalSignerOptions,
  LocalVerifierOptions,
  Ed25519KeyPair,
  PrivateKeyInput,
  PublicKeyInput,
  Signer,
  Verifier,
  SyncVerifier,
  AsyncVerifier,
  SignatureAlgorithmName,
  SigningKeyAlgorithm,
} from "./crypto/index.js";

// Signal provenance
export {
  TRUST_LEVEL_ORDER,
  isProvenanceTrustLevel,
  compareTrustLevels,
  effectiveTrustLevel,
  isGovernedSignal,
  assertSignalProvenance,
  findProvenanceProblem,
  withProvenance,
  withoutProvenance,
  stripProvenance,
  normalizeGovernedSignals,
  extractSignalValues,
  extractProvenanceMap,
  validateProvenance,
  hashEvidencePayload,
  hashEvidence,
  hashProvenance,
  hashSignalProvenance,
  hashProvenanceSummary,
  buildProvenanceAttestationSummary,
  accountAggregatorProvenance,
  documentProvenance,
  voiceTranscriptProvenance,
} from "./signal-provenance/index.js";
export type {
  ProvenanceTrustLevel,
  TrustLevel,
  SourceType,
  VerificationMethod,
  SignatureAlgorithm,
  SignalProvenance,
  GovernedSignal,
  GovernedSignalMap,
  SourceAttestation,
  ProvenanceValidationResult,
  ProvenanceValidationOptions,
  SignalProvenanceValidationOptions,
  ProvenanceAttestationSummary,
  SourceAttestationVerificationResult,
  VerificationResult,
  AccountAggregatorProvenanceOptions,
  DocumentProvenanceOptions,
  VoiceTranscriptProvenanceOptions,
} from "./signal-provenance/index.js";

// Replay protection
export { MemoryReplayStore } from "./replay/index.js";
export type {
  MemoryReplayStoreOptions,
  ReplayStore,
  ReplayKeyStatus,
  ReservationToken,
} from "./replay/index.js";

// Attestations
export {
  attestationSigningInput,
  computeSignalsHash,
  computeExecutionFingerprint,
  computeExecutionHashes,
} from "./attestation/index.js";
export type {
  ExecutionAttestation,
  AttestationPayload,
  AttestationDecision,
  ExecutionState,
} from "./attestation/index.js";

// Runtime identity
export {
  EVALUATOR_SEMANTICS,
  createRuntimeManifest,
  getRuntimeManifest,
  getRuntimeIdentity,
  computeRuntimeHash,
  isTrustedRuntime,
  checkTrustedRuntime,
  verifyRuntime,
} from "./runtime/index.js";
export type {
  EvaluatorSemanticsDescriptor,
  OperatorSemantics,
  CompositeSemantics,
  CreateRuntimeManifestOptions,
  RuntimeManifest,
  RunningRuntimeManifest,
  RuntimeManifestSource,
  RuntimeIdentity,
  TrustedRuntimeOptions,
  TrustedRuntimeCheck,
  TrustedRuntimeCheckResult,
  TrustedRuntimeSource,
  VerifyRuntimeOptions,
  RuntimeVerificationResult,
} from "./runtime/index.js";

// Policies
export {
  compilePolicy,
  validatePolicy,
  validateSignalsAgainstSchema,
  validateExecutionInputShape,
  evaluatePolicy,
  ensureCompiledPolicy,
  MemoryPolicyRegistry,
  resolvePoliciesRoot,
} from "./policy/index.js";
export { FilePolicyRegistry, createDefaultPolicyRegistry } from "./bundle/index.js";
export type {
  SignalType,
  SignalDeclaration,
  ComparisonOperator,
  ConditionOperand,
  LeafCondition,
  Condition,
  RuleOutcome,
  PolicyRule,
  PolicyDocument,
  PolicyProblem,
  SignalProblem,
  PolicyDecision,
  CompiledPolicy,
  PolicyCompilationResult,
  PolicyCompilationSuccess,
  PolicyCompilationFailure,
  PolicyValidationResult,
  PolicyRegistry,
  CompilePolicyOptions,
  PoliciesRootOptions,
} from "./policy/index.js";
export type { FilePolicyRegistryOptions } from "./bundle/index.js";

// Trust roots
export {
  loadTrustRoot,
  validateTrustRoot,
  computeTrustRootHash,
  selectTrustedKey,
  createTrustRootVerifier,
  checkTrustRootFreshness,
  rotateTrustRoot,
  rotationSigningInput,
  walkTrustChain,
  createTrustRoot,
  createTrustRootKey,
} from "./trust/index.js";
export type {
  SelectTrustedKeyOptions,
  TrustedKeySelection,
  TrustedKeySelected,
  TrustedKeyRefused,
  TrustRootVerifier,
  TrustRootVerifierOptions,
  TrustRootVerification,
  TrustRootVerificationResult,
  TrustRootSignatureContext,
  RotateTrustRootOptions,
  TrustRootRotation,
  TrustKeyRevocation,
  CreateTrustRootOptions,
  CreateTrustRootKeyOptions,
  TrustRoot,
  TrustRootKey,
  TrustKeyPurpose,
  RotationRecord,
  RotationRecordPayload,
  TrustRootProblem,
} from "./trust/index.js";

// Verifying attestations
export { verifyAttestation } from "./verify/index.js";
export type {
  AttestationChecks,
  AttestationVerificationResult,
  TrustedRuntime,
  VerifyAttestationOptions,
  VerifyAttestationInput,
} from "./verify/index.js";

// Policy bundles
export {
  generateBundle,
  createBundleManifest,
  verifyBundle,
  computeBundleHash,
  checkRuntimeRequirements,
  StrictPolicyRegistry,
  createPolicy,
  upgradePolicy,
} from "./bundle/index.js";
export type {
  GenerateBundleOptions,
  BundleManifestOptions,
  GeneratedBundle,
  BundleContentIdentity,
  StrictPolicyRegistryOptions,
  PolicyLocation,
  CreatePolicyOptions,
  BundleManifest,
  BundleArtifact,
  BundleSignature,
  BundleIdentity,
  BundleChecks,
  BundleVerificationResult,
  RuntimeRequirements,
} from "./bundle/index.js";

// Executing decisions
export { executeFromSignals, simulate, DEFAULT_EXECUTE_TIMEOUT_MS } from "./execute/index.js";
export type {
  ExecuteInput,
  ExecuteOptions,
  Clock,
  ExecutionClock,
  RuntimeEnvironment,
  SimulateOptions,
  SimulationResult,
} from "./execute/index.js";

// Overrides
export {
  MemoryPendingOverrideStore,
  defaultPendingOverrideStore,
  approveOverride,
  rejectOverride,
  verifyOverride,
  overrideSigningInput,
} from "./override/index.js";
export type {
  MemoryPendingOverrideStoreOptions,
  ApproveOverrideInput,
  OverrideDecision,
  OverrideOptions,
  OverrideRecord,
  OverrideRecordPayload,
  OverrideVerificationChecks,
  OverrideVerificationResult,
  RejectOverrideInput,
  PendingOverride,
  PendingOverrideReference,
  PendingOverrideStore,
} from "./override/index.js";

// Execution integrity
export { confirmExecution, verifyExecutionIntegrity } from "./integrity/index.js";
export type {
  ConfirmExecutionOptions,
  ExecutedAction,
  ExecutionIntegrityProof,
  ExecutionIntegrityVerificationResult,
  ExecutionMatchDetails,
  RecordedExecutedAction,
} from "./integrity/index.js";

// Transparency log: Merkle proofs, signed notes, checkpoints
export {
  hashMerkleLeaf,
  hashMerkleChildren,
  emptyMerkleRoot,
  rootFromInclusionProof,
  verifyInclusionProof,
  verifyConsistencyProof,
  planInclusionProof,
  planConsistencyProof,
  planTreeRoot,
  assembleMerkleProof,
  assembleMerkleRoot,
  computeInclusionProof,
  computeConsistencyProof,
  computeTreeRoot,
  appendSiblingNodes,
  nodesCompletedByAppend,
  MerkleTree,
  noteKeyId,
  noteVerifierKey,
  formatNoteVerifierKey,
  parseNoteVerifierKey,
  parseSignedNote,
  formatSignedNote,
  createNoteSigner,
  signNote,
  openSignedNote,
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  openCheckpoint,
  verifyInclusion,
  verifyConsistency,
} from "./transparency/index.js";
export type {
  NoteSigner,
  Checkpoint,
  ConsistencyProof,
  ConsistencyVerificationResult,
  InclusionProof,
  InclusionProofBundle,
  InclusionVerificationResult,
  LogVerificationKey,
  MerkleHashSource,
  MerkleNodeHash,
  MerkleNodeId,
  MerkleProofPlan,
  NoteSignature,
  NoteVerifierKey,
  SignedNote,
} from "./transparency/index.js";
