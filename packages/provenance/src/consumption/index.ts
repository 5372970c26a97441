export { verifyAuthorityConsumption } from "./verify-authority-consumption.js";
export { consumeExecutionAuthority } from "./consume-execution-authority.js";
export type {
  AuthorityConsumptionStore,
  AuthorityConsumptionStatus,
  AuthorityConsumptionRecord,
  ConsumptionVerificationResult,
  AuthorityConsumptionInput,
  ExecutionConsumptionStore,
  ExecutionConsumptionInput,
  ConsumptionResult,
} from "./consumption.types.js";
