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

// Execution receipts
export type {
  ExecutionOutcome,
  ExecutionReceipt,
  CreateExecutionReceiptInput,
  CreateExecutionReceiptOptions,
} from "./receipts/execution-receipt.types.js";

// Execution gateway
export type {
  AuthorizedExecution,
  GovernedExecutionRequest,
  GatewayValidationResult,
  GatewayExecutionResult,
  GovernedExecutionGateway,
  ValidateExecutionRequestOptions,
} from "./gateway/gateway.types.js";

// Reconciliation
export type { ExecutionReconciliationResult, ReconciliationField } from "./reconciliation/reconciliation.types.js";

// Audit timeline
export type {
  AuditEvent,
  AuditEventType,
  AuditEventReferences,
  AuditTimeline,
  BuildAuditTimelineInput,
} from "./audit-timeline/audit-timeline.types.js";

// Verification bundles
export type {
  VerificationBundle,
  CreateVerificationBundleInput,
  CreateVerificationBundleOptions,
  VerificationBundleCheck,
} from "./verification-bundle/verification-bundle.types.js";
