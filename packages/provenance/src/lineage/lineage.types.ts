/**
 * One hash-linked event of an append-only lineage chain. `lineageHash` covers every other
 * field, and each event names the `lineageHash` of the event before it, so editing, dropping,
 * inserting or reordering events breaks the chain.
 */
export interface LineageEvent {
  /** Same as `lineageHash`. */
  readonly eventId: string;
  /** What happened, e.g. `"execution_reported"` (see `LINEAGE_EVENT_TYPES`). */
  readonly type: string;
  /** ISO-8601 UTC time of the event. */
  readonly timestamp: string;
  /** `sha256:` canonical hash of the event's payload; the payload itself stays outside. */
  readonly payloadHash: string;
  /** `lineageHash` of the previous event, `null` for the genesis event. */
  readonly previousHash: string | null;
  /** Domain-separated hash of all other fields (see `createLineageEvent`). */
  readonly lineageHash: string;
  /** Plain JSON context; `executionId` and `attestationHash` here are read by `replayLineage`. */
  readonly metadata?: Record<string, unknown>;
}

/** Input of `createLineageEvent`. */
export interface CreateLineageEventInput {
  /** Event type, a non-empty string. */
  readonly type: string;
  /** Any plain JSON value; only its hash enters the event. */
  readonly payload: unknown;
  /** `lineageHash` of the previous event, `null` for the genesis event. */
  readonly previousHash: string | null;
  /** ISO-8601 UTC; give it explicitly for deterministic events. Defaults to the current time. */
  readonly timestamp?: string;
  /** Plain JSON context, covered by the hash. */
  readonly metadata?: Record<string, unknown>;
}

/**
 * @deprecated Use {@link LineageChainVerificationResult}: a `verify*` function's result is named
 * `*VerificationResult`. The same type under its old name.
 */
export type LineageChainVerification = LineageChainVerificationResult;

/** Result of `verifyLineageChain`. */
export interface LineageChainVerificationResult {
  readonly valid: boolean;
  /** One message per problem found, empty when valid. */
  readonly errors: readonly string[];
}
