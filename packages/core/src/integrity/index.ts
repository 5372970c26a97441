export { confirmExecution } from "./confirm-execution.js";
export { verifyExecutionIntegrity } from "./verify-execution-integrity.js";
export type {
  ConfirmExecutionOptions,
  ExecutedAction,
  ExecutionIntegrityProof,
  ExecutionIntegrityVerificationResult,
  ExecutionMatchDetails,
  RecordedExecutedAction,
} from "./execution-integrity.types.js";
