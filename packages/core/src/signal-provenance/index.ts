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
} from "./provenance.types.js";
export {
  TRUST_LEVEL_ORDER,
  isProvenanceTrustLevel,
  compareTrustLevels,
} from "./trust-level-order.js";
export { effectiveTrustLevel } from "./effective-trust-level.js";
export { isGovernedSignal } from "./is-governed-signal.js";
export { assertSignalProvenance, findProvenanceProblem } from "./assert-signal-provenance.js";
export { withProvenance } from "./with-provenance.js";
export { withoutProvenance } from "./without-provenance.js";
export { stripProvenance } from "./strip-provenance.js";
export { normalizeGovernedSignals } from "./normalize-governed-signals.js";
export { extractSignalValues } from "./extract-signal-values.js";
export { extractProvenanceMap } from "./extract-provenance-map.js";
export { validateProvenance } from "./validate-provenance.js";
export { hashEvidencePayload, hashEvidence } from "./hash-evidence.js";
export { hashProvenance } from "./hash-provenance.js";
export { hashSignalProvenance, hashProvenanceSummary } from "./hash-signal-provenance.js";
export { buildProvenanceAttestationSummary } from "./build-provenance-attestation-summary.js";
export { accountAggregatorProvenance } from "./adapters/account-aggregator-provenance.js";
export type { AccountAggregatorProvenanceOptions } from "./adapters/account-aggregator-provenance.js";
export { documentProvenance } from "./adapters/document-provenance.js";
export type { DocumentProvenanceOptions } from "./adapters/document-provenance.js";
export { voiceTranscriptProvenance } from "./adapters/voice-transcript-provenance.js";
export type { VoiceTranscriptProvenanceOptions } from "./adapters/voice-transcript-provenance.js";
