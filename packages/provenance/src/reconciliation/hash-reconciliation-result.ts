import { ProvenanceError, canonicalHash } from "@parmanasystems/core";
import { readAuthorizedExecution } from "../gateway/read-authorized-execution.js";
import { RecordReader } from "../internal/record-reader.js";
import { readExecutionReceipt } from "../receipts/assert-execution-receipt.js";
import type { ExecutionReconciliationResult } from "./reconciliation.types.js";

/**
 * Hashes a reconciliation result: `"sha256:"` + SHA-256 of the canonical JSON of
 * `{ match, mismatches, authorizedExecution, executionReceipt }` (everything except
 * `reconciliationHash` itself). A result is intact when this equals its `reconciliationHash`.
 *
 * @param result - a result of {@link reconcileExecution}
 * @returns `"sha256:<64 hex>"`
 * @throws ProvenanceError `PROV-011` when the result is malformed (`PROV-010`/`PROV-009` for a
 *   malformed embedded authorized execution or receipt)
 */
export function hashReconciliationResult(result: ExecutionReconciliationResult): string {
  return canonicalHash(reconciliationHashInput(result, "hashReconciliationResult"));
}

/**
 * The object whose canonical hash is the reconciliation hash.
 *
 * @param result - an untrusted reconciliation result
 * @param functionName - for messages
 * @returns `{ match, mismatches, authorizedExecution, executionReceipt }`, normalised
 * @throws ProvenanceError as {@link hashReconciliationResult}
 */
export function reconciliationHashInput(
  result: unknown,
  functionName: string,
): Omit<ExecutionReconciliationResult, "reconciliationHash"> {
  const reader = new RecordReader("PROV-011", `${functionName}: result`, result);
  const match = reader.boolean("match");
  const mismatches = reader.optionalStringArray("mismatches");
  if (mismatches === undefined) throw reader.fail("mismatches must be an array of strings");
  if (match !== (mismatches.length === 0)) {
    throw new ProvenanceError(
      "PROV-011",
      `${functionName}: result match must be true exactly when mismatches is empty`,
    );
  }
  return {
    match,
    mismatches,
    authorizedExecution: readAuthorizedExecution(
      reader.read("authorizedExecution"),
      `${functionName}: result.authorizedExecution`,
    ),
    executionReceipt: readExecutionReceipt(
      reader.read("executionReceipt"),
      `${functionName}: result.executionReceipt`,
    ),
  };
}
