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
  ProvenanceAttestationSummary,
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
export type { ProvenancePolicyRequirements, ProvenancePolicyResult } from "./provenance-policy/index.js";

// Evidence admissibility
export { evaluateAdmissibility } from "./admissibility/index.js";
export type { AdmissibilityPolicy, AdmissibilityResult, SignalAdmissibilityResult } from "./admissibility/index.js";

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
  VerificationBundleCheck,
} from "./verification-bundle/index.js";
