export { evaluateExecutionGate } from "./evaluate-execution-gate.js";
export type {
  ExecutionGateInput,
  ExecutionGateDecision,
  ExecutionGateCheck,
} from "./execution-gate.types.js";
