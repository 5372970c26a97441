export { reconcileExecution } from "./reconcile-execution.js";
export { hashReconciliationResult } from "./hash-reconciliation-result.js";
export type { ExecutionReconciliationResult, ReconciliationField } from "./reconciliation.types.js";
