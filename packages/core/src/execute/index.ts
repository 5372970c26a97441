export { executeFromSignals } from "./execute-from-signals.js";
export { simulate } from "./simulate.js";
export { isReplayStore } from "./resolve-call-form.js";
export { DEFAULT_EXECUTE_TIMEOUT_MS } from "./deadline.js";
export type {
  ExecuteInput,
  ExecuteOptions,
  Clock,
  ExecutionClock,
  RuntimeEnvironment,
  SimulateOptions,
  SimulationResult,
} from "./execute.types.js";
