import { RecordReader } from "../internal/record-reader.js";
import type { ExecutionOutcome, ExecutionReceipt } from "./execution-receipt.types.js";

/** The four outcomes an execution receipt may report. */
export const EXECUTION_OUTCOMES: readonly ExecutionOutcome[] = [
  "success",
  "failure",
  "partial",
  "unknown",
];

/**
 * Checks an untrusted value is a well-formed {@link ExecutionReceipt} and returns a normalised
 * copy: known members only, in a fixed order, optional members omitted when absent.
 *
 * @param value - the candidate receipt
 * @param label - names the receipt in messages
 * @returns the normalised receipt
 * @throws ProvenanceError `PROV-009` naming the first malformed member
 */
export function readExecutionReceipt(value: unknown, label: string): ExecutionReceipt {
  const reader = new RecordReader("PROV-009", label, value);
  const minimumTrustLevel = reader.optionalTrustLevel("minimumTrustLevel");
  const metadata = reader.optionalJsonObject("metadata");
  return {
    executionId: reader.string("executionId"),
    attestationHash: reader.string("attestationHash"),
    executorIdentity: reader.string("executorIdentity"),
    executedAction: reader.string("executedAction"),
    executedParametersHash: reader.hash("executedParametersHash"),
    outcome: reader.oneOf("outcome", EXECUTION_OUTCOMES),
    executedAt: reader.timestamp("executedAt"),
    ...(minimumTrustLevel === undefined ? {} : { minimumTrustLevel }),
    ...(metadata === undefined ? {} : { metadata }),
  };
}
