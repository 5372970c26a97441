export { createExecutionReceipt } from "./create-execution-receipt.js";
export { hashExecutionReceipt } from "./hash-execution-receipt.js";
export { hashExecutionParameters } from "./hash-execution-parameters.js";
export { EXECUTION_OUTCOMES } from "./assert-execution-receipt.js";
export type {
  ExecutionOutcome,
  ExecutionReceipt,
  CreateExecutionReceiptInput,
  CreateExecutionReceiptOptions,
} from "./execution-receipt.types.js";
