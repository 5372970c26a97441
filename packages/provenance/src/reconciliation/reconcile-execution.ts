import { canonicalHash } from "@parmanasystems/core";
import type { AuthorizedExecution } from "../gateway/gateway.types.js";
import { readAuthorizedExecution } from "../gateway/read-authorized-execution.js";
import { readExecutionReceipt } from "../receipts/assert-execution-receipt.js";
import type { ExecutionReceipt } from "../receipts/execution-receipt.types.js";
import type { ExecutionReconciliationResult, ReconciliationField } from "./reconciliation.types.js";

/**
 * Reconciles authorized intent against a reported execution. Four fields are compared, and
 * `mismatches` lists those that differ, always in this order:
 *
 * - `"executionId"`: `authorized.executionId` vs `receipt.executionId`
 * - `"attestationHash"`: `authorized.attestationHash` vs `receipt.attestationHash`
 * - `"action"`: `authorized.authorizedAction` vs `receipt.executedAction`
 * - `"parameters"`: `authorized.authorizedParametersHash` vs `receipt.executedParametersHash`
 *
 * The receipt's `outcome` is reported, not reconciled: a failed execution of the authorized
 * action still matches the intent. `match: true` proves the report is consistent with the
 * intent, not that execution was truthful. The result embeds normalised copies of both inputs
 * and its `reconciliationHash` ({@link hashReconciliationResult}).
 *
 * @param authorized - what the attestation authorized
 * @param receipt - what the executor reported
 * @returns the reconciliation result
 * @throws ProvenanceError `PROV-010` for a malformed authorized execution; `PROV-009` for a malformed receipt
 * @example
 * ```ts
 * const result = reconcileExecution(
 *   { executionId: "loan-42", attestationHash, authorizedAction: "disburse_loan",
 *     authorizedParametersHash: hashExecutionParameters({ amount: 500000 }) },
 *   receipt,
 * );
 * if (!result.match) console.warn(result.mismatches); // e.g. ["parameters"]
 * ```
 */
export function reconcileExecution(
  authorized: AuthorizedExecution,
  receipt: ExecutionReceipt,
): ExecutionReconciliationResult {
  const intent = readAuthorizedExecution(authorized, "reconcileExecution: authorized");
  const report = readExecutionReceipt(receipt, "reconcileExecution: receipt");
  const mismatches: ReconciliationField[] = [];
  if (intent.executionId !== report.executionId) mismatches.push("executionId");
  if (intent.attestationHash !== report.attestationHash) mismatches.push("attestationHash");
  if (intent.authorizedAction !== report.executedAction) mismatches.push("action");
  if (intent.authorizedParametersHash !== report.executedParametersHash)
    mismatches.push("parameters");
  const body = {
    match: mismatches.length === 0,
    mismatches,
    authorizedExecution: intent,
    executionReceipt: report,
  };
  return { ...body, reconciliationHash: canonicalHash(body) };
}
