import type { AuthorizedExecution } from "../gateway/gateway.types.js";
import type { ExecutionReceipt } from "../receipts/execution-receipt.types.js";

/** The fields `reconcileExecution` compares, as they appear in `mismatches`. */
export type ReconciliationField = "executionId" | "attestationHash" | "action" | "parameters";

/**
 * Authorized intent reconciled against a reported execution. `match: true` proves the report is
 * consistent with the intent, not that execution was truthful or its side effects correct.
 */
export interface ExecutionReconciliationResult {
  readonly match: boolean;
  /** Which fields differed ({@link ReconciliationField} values, in a fixed order). */
  readonly mismatches: readonly string[];
  /** `hashReconciliationResult` of this result. */
  readonly reconciliationHash: string;
  readonly authorizedExecution: AuthorizedExecution;
  readonly executionReceipt: ExecutionReceipt;
}
