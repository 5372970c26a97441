import { ParmanaError, ProvenanceError } from "@parmanasystems/core";
import { RecordReader } from "../internal/record-reader.js";
import { isStringKeyedRecord } from "../internal/plain-record.js";
import { readClock } from "../internal/timestamps.js";
import { EXECUTION_OUTCOMES } from "./assert-execution-receipt.js";
import type {
  CreateExecutionReceiptInput,
  CreateExecutionReceiptOptions,
  ExecutionReceipt,
} from "./execution-receipt.types.js";
import { hashExecutionParameters } from "./hash-execution-parameters.js";

/**
 * Records that a governed action was reported as executed. The parameters are hashed into
 * `executedParametersHash` (never stored), so the receipt can be reconciled against the
 * authorized `authorizedParametersHash` without carrying the parameters.
 *
 * `executedAt` is taken from the input when given (deterministic); otherwise the injected
 * `options.clock`, else the system clock, is read once. Pass it explicitly wherever the receipt
 * must be reproducible.
 *
 * @param input - the reported execution
 * @param options - the clock used when `executedAt` is absent
 * @returns a new receipt with members in a fixed order
 * @throws ProvenanceError `PROV-009` for a missing or malformed member; `PROV-016` for a bad clock
 * @throws CanonicalizationError when `executedParameters` is not plain JSON
 * @example
 * ```ts
 * const receipt = createExecutionReceipt({
 *   executionId: "loan-42",
 *   attestationHash: "sha256:...",
 *   executorIdentity: "disbursement-service",
 *   executedAction: "disburse_loan",
 *   executedParameters: { amount: 500000, currency: "INR" },
 *   outcome: "success",
 *   executedAt: "2024-05-01T10:05:00.000Z",
 * });
 * ```
 */
export function createExecutionReceipt(
  input: CreateExecutionReceiptInput,
  options: CreateExecutionReceiptOptions = {},
): ExecutionReceipt {
  try {
    return createReceipt(input, options);
  } catch (error) {
    if (ParmanaError.isInstance(error)) throw error;
    throw new ProvenanceError(
      "PROV-009",
      `createExecutionReceipt: the input could not be read (${error instanceof Error ? error.name : typeof error} thrown)`,
      { cause: error },
    );
  }
}

function createReceipt(
  input: CreateExecutionReceiptInput,
  options: CreateExecutionReceiptOptions,
): ExecutionReceipt {
  const reader = new RecordReader("PROV-009", "createExecutionReceipt: input", input);
  const executionId = reader.string("executionId");
  const attestationHash = reader.string("attestationHash");
  const executorIdentity = reader.string("executorIdentity");
  const executedAction = reader.string("executedAction");
  const outcome = reader.oneOf("outcome", EXECUTION_OUTCOMES);
  const minimumTrustLevel = reader.optionalTrustLevel("minimumTrustLevel");
  const metadata = reader.optionalJsonObject("metadata");
  const givenExecutedAt = reader.optionalTimestamp("executedAt");
  const executedParameters = reader.read("executedParameters");
  if (executedParameters === undefined)
    throw reader.fail("executedParameters is required (use null when there are none)");
  const executedParametersHash = hashExecutionParameters(executedParameters);
  if (options !== undefined && !isStringKeyedRecord(options))
    throw reader.fail("options must be a plain object");
  const executedAt = givenExecutedAt ?? readClock(options.clock, "createExecutionReceipt");
  return {
    executionId,
    attestationHash,
    executorIdentity,
    executedAction,
    executedParametersHash,
    outcome,
    executedAt,
    ...(minimumTrustLevel === undefined ? {} : { minimumTrustLevel }),
    ...(metadata === undefined ? {} : { metadata }),
  };
}
