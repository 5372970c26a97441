import type { LineageEvent } from "../lineage/lineage.types.js";
import type { ReplayResult } from "../lineage-replay/replay.types.js";

/** Input of `generateAuditReport`. */
export interface GenerateAuditReportInput {
  lineage: LineageEvent[];
  /** `replayLineage(lineage)`. */
  replay: ReplayResult;
}

/** One event of the report's narrative timeline. */
export interface AuditNarrativeEvent {
  timestamp: string;
  type: string;
  /** One sentence. */
  summary: string;
}

/** A human-readable narrative of one execution's lineage. */
export interface GovernanceAuditReport {
  executionId?: string;
  attestationHash?: string;
  replayHash: string;
  /** The replay's `reconstructedAt` (the last event's time), never the wall clock. */
  generatedAt: string;
  eventCount: number;
  timeline: AuditNarrativeEvent[];
  summary: {
    authorizationOccurred: boolean;
    executionOccurred: boolean;
    reconciliationOccurred: boolean;
    provenancePresent: boolean;
  };
}
