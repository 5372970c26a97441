/**
 * Event types the lifecycle functions recognise. Other types are allowed in a chain: replay
 * counts them and records their `lineageHash` but files them under no artifact list.
 *
 * | type | effect in `replayLineage` / `verifyGovernanceInvariants` |
 * |---|---|
 * | `signal_ingested` | none (context) |
 * | `provenance_recorded`, `provenance_verified` | `payloadHash` → `provenanceHashes` |
 * | `decision_authorized`, `authority_issued` | authorisation: allows later execution events |
 * | `authority_consumed`, `execution_requested` | none (context) |
 * | `execution_reported` | `payloadHash` → `executionReceiptHashes`; needs an earlier authorisation |
 * | `execution_reconciled` | `payloadHash` → `reconciliationHashes`; needs an earlier `execution_reported` |
 * | `verification_bundle_created` | `payloadHash` → `verificationBundleHashes` |
 * | `audit_timeline_recorded` | `payloadHash` → `timelineHashes` |
 */
export const LINEAGE_EVENT_TYPES: {
  readonly signalIngested: "signal_ingested";
  readonly provenanceRecorded: "provenance_recorded";
  readonly provenanceVerified: "provenance_verified";
  readonly decisionAuthorized: "decision_authorized";
  readonly authorityIssued: "authority_issued";
  readonly authorityConsumed: "authority_consumed";
  readonly executionRequested: "execution_requested";
  readonly executionReported: "execution_reported";
  readonly executionReconciled: "execution_reconciled";
  readonly verificationBundleCreated: "verification_bundle_created";
  readonly auditTimelineRecorded: "audit_timeline_recorded";
} = Object.freeze({
  signalIngested: "signal_ingested",
  provenanceRecorded: "provenance_recorded",
  provenanceVerified: "provenance_verified",
  decisionAuthorized: "decision_authorized",
  authorityIssued: "authority_issued",
  authorityConsumed: "authority_consumed",
  executionRequested: "execution_requested",
  executionReported: "execution_reported",
  executionReconciled: "execution_reconciled",
  verificationBundleCreated: "verification_bundle_created",
  auditTimelineRecorded: "audit_timeline_recorded",
} as const);

/** The artifact lists of the replay state that event payload hashes are filed under. */
export type ReplayHashList =
  | "provenanceHashes"
  | "executionReceiptHashes"
  | "reconciliationHashes"
  | "verificationBundleHashes"
  | "timelineHashes";

/** @internal Which state list an event type's `payloadHash` goes to. */
export const REPLAY_HASH_LIST_BY_TYPE: ReadonlyMap<string, ReplayHashList> = new Map<
  string,
  ReplayHashList
>([
  [LINEAGE_EVENT_TYPES.provenanceRecorded, "provenanceHashes"],
  [LINEAGE_EVENT_TYPES.provenanceVerified, "provenanceHashes"],
  [LINEAGE_EVENT_TYPES.executionReported, "executionReceiptHashes"],
  [LINEAGE_EVENT_TYPES.executionReconciled, "reconciliationHashes"],
  [LINEAGE_EVENT_TYPES.verificationBundleCreated, "verificationBundleHashes"],
  [LINEAGE_EVENT_TYPES.auditTimelineRecorded, "timelineHashes"],
]);

/** @internal Event types that authorise execution. */
export const AUTHORIZATION_EVENT_TYPES: ReadonlySet<string> = new Set<string>([
  LINEAGE_EVENT_TYPES.decisionAuthorized,
  LINEAGE_EVENT_TYPES.authorityIssued,
]);
