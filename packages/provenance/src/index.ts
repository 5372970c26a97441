// Public API of @parmanasystems/provenance: explicit re-export lists only, one block per folder.

// Signal provenance basics (re-exported from @parmanasystems/core)
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

// Source attestation
export { verifySourceAttestation } from "./source-attestation/index.js";

// Execution receipts
export {
  createExecutionReceipt,
  hashExecutionReceipt,
  hashExecutionParameters,
  EXECUTION_OUTCOMES,
} from "./receipts/index.js";
export type {
  ExecutionOutcome,
  ExecutionReceipt,
  CreateExecutionReceiptInput,
  CreateExecutionReceiptOptions,
} from "./receipts/index.js";

// Execution gateway
export { validateExecutionRequest } from "./gateway/index.js";
export type {
  AuthorizedExecution,
  GovernedExecutionRequest,
  GatewayValidationResult,
  GatewayExecutionResult,
  GovernedExecutionGateway,
  ValidateExecutionRequestOptions,
} from "./gateway/index.js";

// Reconciliation
export { reconcileExecution, hashReconciliationResult } from "./reconciliation/index.js";
export type { ExecutionReconciliationResult, ReconciliationField } from "./reconciliation/index.js";

// Provenance policy
export { evaluateProvenancePolicy } from "./provenance-policy/index.js";
export type {
  ProvenancePolicyRequirements,
  ProvenancePolicyResult,
} from "./provenance-policy/index.js";

// Evidence admissibility
export { evaluateAdmissibility } from "./admissibility/index.js";
export type {
  AdmissibilityPolicy,
  AdmissibilityResult,
  SignalAdmissibilityResult,
} from "./admissibility/index.js";

// Audit timeline
export { buildAuditTimeline, hashAuditEvent, AUDIT_EVENT_TYPES } from "./audit-timeline/index.js";
export type {
  AuditEvent,
  AuditEventType,
  AuditEventReferences,
  AuditTimeline,
  BuildAuditTimelineInput,
} from "./audit-timeline/index.js";

// Verification bundles
export {
  createVerificationBundle,
  verifyVerificationBundle,
  checkVerificationBundle,
  hashVerificationBundle,
  VERIFICATION_BUNDLE_SCHEMA_VERSION,
} from "./verification-bundle/index.js";
export type {
  VerificationBundle,
  CreateVerificationBundleInput,
  CreateVerificationBundleOptions,
  VerificationBundleCheckResult,
  VerificationBundleCheck,
} from "./verification-bundle/index.js";

// Append-only lineage chains
export { createLineageEvent, verifyLineageChain } from "./lineage/index.js";
export type {
  LineageEvent,
  CreateLineageEventInput,
  LineageChainVerificationResult,
  LineageChainVerification,
} from "./lineage/index.js";

// Lineage replay
export { replayLineage, LINEAGE_EVENT_TYPES } from "./lineage-replay/index.js";
export type { ReplayState, ReplayResult, ReplayHashList } from "./lineage-replay/index.js";

// Execution authority
export {
  createExecutionAuthority,
  verifyExecutionAuthority,
  hashExecutionAuthority,
} from "./authority/index.js";
export type {
  ExecutionAuthority,
  CreateExecutionAuthorityInput,
  VerifyExecutionAuthorityInput,
  ExecutionAuthorityVerificationResult,
  ExecutionAuthorityVerification,
} from "./authority/index.js";

// Authority consumption
export { verifyAuthorityConsumption, consumeExecutionAuthority } from "./consumption/index.js";
export type {
  AuthorityConsumptionStore,
  AuthorityConsumptionStatus,
  AuthorityConsumptionRecord,
  ConsumptionVerificationResult,
  AuthorityConsumptionInput,
  ExecutionConsumptionStore,
  ExecutionConsumptionInput,
  ConsumptionResult,
} from "./consumption/index.js";

// Fail-closed execution gate
export { evaluateExecutionGate } from "./gate/index.js";
export type {
  ExecutionGateInput,
  ExecutionGateDecision,
  ExecutionGateCheckName,
  ExecutionGateCheck,
} from "./gate/index.js";

// Governance invariants
export { verifyGovernanceInvariants } from "./invariants/index.js";
export type {
  InvariantViolation,
  InvariantVerificationResult,
  GovernanceInvariantsInput,
  GovernanceInvariantName,
} from "./invariants/index.js";

// Governance explanation
export { explainGovernance } from "./explanation/index.js";
export type { GovernanceExplanation, ExplainGovernanceInput } from "./explanation/index.js";

// Ed25519 governance signing
export {
  signGovernancePayload,
  verifyGovernanceSignature,
  exportPublicKey,
  importPublicKey,
  generateGovernanceKeyPair,
} from "./signing/index.js";
export type {
  GovernanceSignature,
  SignablePayload,
  GovernanceSigningDomain,
  SignGovernancePayloadInput,
  VerifyGovernanceSignatureInput,
  GovernanceKeyPair,
} from "./signing/index.js";

// Portable governance proof bundles
export {
  createGovernanceProofBundle,
  verifyGovernanceProofBundle,
  GOVERNANCE_PROOF_BUNDLE_SCHEMA_VERSION,
} from "./proof-bundle/index.js";
export type {
  GovernanceProofBundle,
  CreateGovernanceProofBundleInput,
  VerifyGovernanceProofBundleInput,
  GovernanceProofBundleVerificationResult,
  GovernanceProofBundleVerification,
} from "./proof-bundle/index.js";

// Independent verifier
export { verifyGovernanceProof } from "./independent-verifier/index.js";
export type { IndependentVerificationResult } from "./independent-verifier/index.js";

// Audit report
export { generateAuditReport } from "./audit-report/index.js";
export type {
  GovernanceAuditReport,
  AuditNarrativeEvent,
  GenerateAuditReportInput,
} from "./audit-report/index.js";

// Persistence stores
export {
  InMemoryConsumptionStore,
  RedisConsumptionStore,
  PostgresLineageStore,
  PostgresConsumptionStore,
  DEFAULT_LINEAGE_TABLE,
  DEFAULT_CONSUMPTION_TABLE,
  verifyPersistedLineage,
} from "./stores/index.js";
export type {
  PersistedLineageVerificationResult,
  LineagePersistenceStore,
  GovernanceProofStore,
  ConsumptionStoreOptions,
  RedisConsumptionClient,
  RedisConsumptionStoreOptions,
  PostgresQueryable,
  PostgresQueryResult,
  PostgresStoreOptions,
  PostgresConsumptionStoreOptions,
} from "./stores/index.js";
