export { evaluateExecutionGate } from "./evaluate-execution-gate.js";
export type {
  ExecutionGateInput,
  ExecutionGateDecision,
  ExecutionGateCheckName,
  ExecutionGateCheck,
} from "./execution-gate.types.js";
