import type { LineageEvent } from "../lineage/lineage.types.js";
import type { ReplayResult } from "../lineage-replay/replay.types.js";

/** Input of `generateAuditReport`. */
export interface GenerateAuditReportInput {
  readonly lineage: readonly LineageEvent[];
  /** `replayLineage(lineage)`. */
  readonly replay: ReplayResult;
}

/** One event of the report's narrative timeline. */
export interface AuditNarrativeEvent {
  readonly timestamp: string;
  readonly type: string;
  /** One sentence. */
  readonly summary: string;
}

/** A human-readable narrative of one execution's lineage. */
export interface GovernanceAuditReport {
  readonly executionId?: string;
  readonly attestationHash?: string;
  readonly replayHash: string;
  /** The replay's `reconstructedAt` (the last event's time), never the wall clock. */
  readonly generatedAt: string;
  readonly eventCount: number;
  readonly timeline: readonly AuditNarrativeEvent[];
  readonly summary: {
    readonly authorizationOccurred: boolean;
    readonly executionOccurred: boolean;
    readonly reconciliationOccurred: boolean;
    readonly provenancePresent: boolean;
  };
}
