/** Operational state reconstructed from a lineage chain by `replayLineage`. */
export interface ReplayState {
  /** From the events' `metadata.executionId`. */
  readonly executionId?: string;
  /** From the events' `metadata.attestationHash`. */
  readonly attestationHash?: string;
  /** Every event's `lineageHash`, in chain order (append-only, never sorted). */
  readonly lineageHashes: readonly string[];
  /** `payloadHash` of each provenance event, in chain order. */
  readonly provenanceHashes: readonly string[];
  /** `payloadHash` of each `execution_reported` event. */
  readonly executionReceiptHashes: readonly string[];
  /** `payloadHash` of each `execution_reconciled` event. */
  readonly reconciliationHashes: readonly string[];
  /** `payloadHash` of each `verification_bundle_created` event. */
  readonly verificationBundleHashes: readonly string[];
  /** `payloadHash` of each `audit_timeline_recorded` event. */
  readonly timelineHashes: readonly string[];
  /** Number of events replayed. */
  readonly eventCount: number;
  /** Timestamp of the last event (never the wall clock); `""` for an empty lineage. */
  readonly reconstructedAt: string;
}

/** Result of `replayLineage`. */
export interface ReplayResult {
  /** True when the chain verifies and its events agree on execution and attestation. */
  readonly valid: boolean;
  /** Domain-separated hash of `{ valid, state }`: equal replays have equal hashes. */
  readonly replayHash: string;
  /** One message per problem; empty when valid. */
  readonly errors: readonly string[];
  readonly state: ReplayState;
}
