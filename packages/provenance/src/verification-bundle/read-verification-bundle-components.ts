import { ProvenanceError, canonicalHash, isProvenanceTrustLevel } from "@parmanasystems/core";
import type { ProvenanceAttestationSummary } from "@parmanasystems/core";
import type { AuditEvent, AuditTimeline } from "../audit-timeline/audit-timeline.types.js";
import { compareEvents } from "../audit-timeline/build-audit-timeline.js";
import { readAuditEvent } from "../audit-timeline/read-audit-event.js";
import { PREFIXED_SHA256_PATTERN, RecordReader } from "../internal/record-reader.js";
import { readExecutionReceipt } from "../receipts/assert-execution-receipt.js";
import type { ExecutionReceipt } from "../receipts/execution-receipt.types.js";
import { reconciliationHashInput } from "../reconciliation/hash-reconciliation-result.js";
import type { ExecutionReconciliationResult } from "../reconciliation/reconciliation.types.js";

/** The optional records of a verification bundle, checked and normalised. */
export interface VerificationBundleComponents {
  provenance?: ProvenanceAttestationSummary;
  executionReceipt?: ExecutionReceipt;
  reconciliation?: ExecutionReconciliationResult;
  auditTimeline?: AuditTimeline;
}

/**
 * Checks the optional records of a verification bundle (or its input) and that they belong
 * together: the receipt and the reconciliation's authorized execution name the verification
 * bundle's execution and attestation, a reconciliation embeds the same receipt as the
 * verification bundle, and every embedded hash (`reconciliationHash`, `timelineHash`) matches its
 * content.
 *
 * @param reader - the verification bundle (or input) record
 * @param executionId - the verification bundle's execution id
 * @param attestationHash - the verification bundle's attestation hash
 * @param functionName - for messages
 * @returns normalised copies of the records present
 * @throws ProvenanceError `PROV-015` for a malformed or inconsistent component (`PROV-009`..`PROV-012` from the component readers)
 */
export function readVerificationBundleComponents(
  reader: RecordReader,
  executionId: string,
  attestationHash: string,
  functionName: string,
): VerificationBundleComponents {
  const components: VerificationBundleComponents = {};
  const provenance = reader.read("provenance");
  if (provenance !== undefined)
    components.provenance = readProvenanceSummary(provenance, functionName);

  const receiptValue = reader.read("executionReceipt");
  if (receiptValue !== undefined) {
    const receipt = readExecutionReceipt(receiptValue, `${functionName}: executionReceipt`);
    expectSame(receipt.executionId, executionId, "executionReceipt.executionId", functionName);
    expectSame(
      receipt.attestationHash,
      attestationHash,
      "executionReceipt.attestationHash",
      functionName,
    );
    components.executionReceipt = receipt;
  }

  const reconciliationValue = reader.read("reconciliation");
  if (reconciliationValue !== undefined) {
    const body = reconciliationHashInput(reconciliationValue, `${functionName}: reconciliation`);
    const reconciliationHash = canonicalHash(body);
    if (
      (reconciliationValue as Record<string, unknown>)["reconciliationHash"] !== reconciliationHash
    ) {
      throw inconsistent(
        functionName,
        "reconciliation.reconciliationHash does not match its content",
      );
    }
    expectSame(
      body.authorizedExecution.executionId,
      executionId,
      "reconciliation.authorizedExecution.executionId",
      functionName,
    );
    expectSame(
      body.authorizedExecution.attestationHash,
      attestationHash,
      "reconciliation.authorizedExecution.attestationHash",
      functionName,
    );
    if (
      components.executionReceipt !== undefined &&
      canonicalHash(components.executionReceipt) !== canonicalHash(body.executionReceipt)
    ) {
      throw inconsistent(
        functionName,
        "reconciliation.executionReceipt is not the bundle's executionReceipt",
      );
    }
    components.reconciliation = { ...body, reconciliationHash };
  }

  const timelineValue = reader.read("auditTimeline");
  if (timelineValue !== undefined)
    components.auditTimeline = readTimeline(timelineValue, functionName);
  return components;
}

function readProvenanceSummary(value: unknown, functionName: string): ProvenanceAttestationSummary {
  const reader = new RecordReader("PROV-015", `${functionName}: provenance`, value);
  const provenanceHash = reader.read("provenanceHash");
  if (
    provenanceHash !== null &&
    !(typeof provenanceHash === "string" && PREFIXED_SHA256_PATTERN.test(provenanceHash))
  ) {
    throw reader.fail(
      'provenanceHash must be null or "sha256:" followed by 64 lowercase hex digits',
    );
  }
  const count = (key: string): number => {
    const member = reader.read(key);
    if (typeof member !== "number" || !Number.isSafeInteger(member) || member < 0)
      throw reader.fail(`${key} must be a non-negative integer`);
    return member;
  };
  const signalsWithProvenance = count("signalsWithProvenance");
  const verifiedSignals = count("verifiedSignals");
  const unverifiedSignals = count("unverifiedSignals");
  if (verifiedSignals + unverifiedSignals !== signalsWithProvenance) {
    throw reader.fail("verifiedSignals + unverifiedSignals must equal signalsWithProvenance");
  }
  const minimumTrustLevel = reader.read("minimumTrustLevel");
  if (minimumTrustLevel !== null && !isProvenanceTrustLevel(minimumTrustLevel))
    throw reader.fail("minimumTrustLevel must be a trust level or null");
  return {
    provenanceHash: provenanceHash as string | null,
    signalsWithProvenance,
    verifiedSignals,
    unverifiedSignals,
    minimumTrustLevel,
  };
}

function readTimeline(value: unknown, functionName: string): AuditTimeline {
  const reader = new RecordReader("PROV-015", `${functionName}: auditTimeline`, value);
  const timelineHash = reader.hash("timelineHash");
  const generatedAt = reader.timestamp("generatedAt");
  const eventsValue = reader.read("events");
  if (!Array.isArray(eventsValue) || eventsValue.length === 0)
    throw reader.fail("events must be a non-empty array");
  const events: AuditEvent[] = eventsValue.map((event, index) =>
    readAuditEvent(event, `${functionName}: auditTimeline.events[${index}]`),
  );
  const ids = new Set(events.map((event) => event.eventId));
  if (ids.size !== events.length) throw reader.fail("events must have unique eventIds");
  for (let index = 1; index < events.length; index++) {
    if (compareEvents(events[index - 1] as AuditEvent, events[index] as AuditEvent) > 0) {
      throw reader.fail("events must be ordered by timestamp, then eventId");
    }
  }
  if ((events[events.length - 1] as AuditEvent).timestamp !== generatedAt)
    throw reader.fail("generatedAt must be the last event's timestamp");
  if (canonicalHash({ generatedAt, events }) !== timelineHash)
    throw reader.fail("timelineHash does not match its content");
  return { timelineHash, generatedAt, events };
}

function expectSame(actual: string, expected: string, member: string, functionName: string): void {
  if (actual !== expected)
    throw inconsistent(functionName, `${member} belongs to another execution`);
}

function inconsistent(functionName: string, problem: string): ProvenanceError {
  return new ProvenanceError("PROV-015", `${functionName}: ${problem}`, { details: { problem } });
}
