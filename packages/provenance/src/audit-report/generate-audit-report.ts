import { ProvenanceError, canonicalize } from "@parmanasystems/core";
import { tryCanonicalize } from "../internal/domain-hash.js";
import { describeKind, isPlainRecord, ownValue } from "../internal/lifecycle-guards.js";
import {
  AUTHORIZATION_EVENT_TYPES,
  LINEAGE_EVENT_TYPES,
} from "../lineage-replay/lineage-event-types.js";
import { replayLineage } from "../lineage-replay/replay-lineage.js";
import type { LineageEvent } from "../lineage/lineage.types.js";
import type {
  AuditNarrativeEvent,
  GenerateAuditReportInput,
  GovernanceAuditReport,
} from "./audit-report.types.js";

const NARRATIVE: ReadonlyMap<string, string> = new Map<string, string>([
  [LINEAGE_EVENT_TYPES.signalIngested, "Signals were ingested"],
  [LINEAGE_EVENT_TYPES.provenanceRecorded, "Signal provenance was recorded"],
  [LINEAGE_EVENT_TYPES.provenanceVerified, "Signal provenance was verified"],
  [LINEAGE_EVENT_TYPES.decisionAuthorized, "The decision was authorized"],
  [LINEAGE_EVENT_TYPES.authorityIssued, "An execution authority was issued"],
  [LINEAGE_EVENT_TYPES.authorityConsumed, "The execution authority was consumed"],
  [LINEAGE_EVENT_TYPES.executionRequested, "Execution was requested"],
  [LINEAGE_EVENT_TYPES.executionReported, "Execution was reported"],
  [LINEAGE_EVENT_TYPES.executionReconciled, "Execution was reconciled against the authorization"],
  [LINEAGE_EVENT_TYPES.verificationBundleCreated, "A verification bundle was created"],
  [LINEAGE_EVENT_TYPES.auditTimelineRecorded, "An audit timeline was recorded"],
]);

/**
 * Generates a human-readable narrative report from a lineage chain and its replay: one
 * sentence per event, in chain order, and a summary of what occurred. Deterministic:
 * `generatedAt` is the replay's `reconstructedAt` (the last event's time), never the wall clock.
 *
 * Fail closed: it narrates only an intact, non-empty lineage whose replay is exactly
 * `replayLineage(lineage)`; a report built on a broken chain would read as fact. Use
 * `explainGovernance` to describe a failing lineage.
 *
 * @param input - `lineage` and its `replay`
 * @returns the report
 * @throws ProvenanceError `PROV-029` when the lineage is empty or broken, or the replay is not its replay
 * @example
 * ```ts
 * const report = generateAuditReport({ lineage, replay: replayLineage(lineage) });
 * for (const line of report.timeline) console.log(line.timestamp, line.summary);
 * ```
 */
export function generateAuditReport(input: GenerateAuditReportInput): GovernanceAuditReport {
  if (!isPlainRecord(input)) fail(`input must be a plain object, got ${describeKind(input)}`);
  const lineage = ownValue(input, "lineage");
  if (!Array.isArray(lineage) || lineage.length === 0)
    fail("lineage must be a non-empty array of lineage events");
  const independent = replayLineage(lineage as LineageEvent[]);
  if (!independent.valid) fail(`the lineage does not verify: ${independent.errors.join("; ")}`);
  const replay = ownValue(input, "replay");
  if (tryCanonicalize(replay) !== canonicalize(independent))
    fail("replay is not replayLineage(lineage)");

  const events = lineage as LineageEvent[];
  const timeline: AuditNarrativeEvent[] = events.map((event) => ({
    timestamp: event.timestamp,
    type: event.type,
    summary: `${NARRATIVE.get(event.type) ?? `Event "${event.type}" was recorded`} (payload ${event.payloadHash}).`,
  }));
  const state = independent.state;
  return {
    ...(state.executionId === undefined ? {} : { executionId: state.executionId }),
    ...(state.attestationHash === undefined ? {} : { attestationHash: state.attestationHash }),
    replayHash: independent.replayHash,
    generatedAt: state.reconstructedAt,
    eventCount: state.eventCount,
    timeline,
    summary: {
      authorizationOccurred: events.some((event) => AUTHORIZATION_EVENT_TYPES.has(event.type)),
      executionOccurred: state.executionReceiptHashes.length > 0,
      reconciliationOccurred: state.reconciliationHashes.length > 0,
      provenancePresent: state.provenanceHashes.length > 0,
    },
  };
}

function fail(message: string): never {
  throw new ProvenanceError("PROV-029", `generateAuditReport: ${message}`);
}
