/** Operational state reconstructed from a lineage chain by `replayLineage`. */
export interface ReplayState {
  /** From the events' `metadata.executionId`. */
  executionId?: string;
  /** From the events' `metadata.attestationHash`. */
  attestationHash?: string;
  /** Every event's `lineageHash`, in chain order (append-only, never sorted). */
  lineageHashes: string[];
  /** `payloadHash` of each provenance event, in chain order. */
  provenanceHashes: string[];
  /** `payloadHash` of each `execution_reported` event. */
  executionReceiptHashes: string[];
  /** `payloadHash` of each `execution_reconciled` event. */
  reconciliationHashes: string[];
  /** `payloadHash` of each `verification_bundle_created` event. */
  verificationBundleHashes: string[];
  /** `payloadHash` of each `audit_timeline_recorded` event. */
  timelineHashes: string[];
  /** Number of events replayed. */
  eventCount: number;
  /** Timestamp of the last event (never the wall clock); `""` for an empty lineage. */
  reconstructedAt: string;
}

/** Result of `replayLineage`. */
export interface ReplayResult {
  /** True when the chain verifies and its events agree on execution and attestation. */
  valid: boolean;
  /** Domain-separated hash of `{ valid, state }`: equal replays have equal hashes. */
  replayHash: string;
  /** One message per problem; empty when valid. */
  errors: string[];
  state: ReplayState;
}
