export { validateExecutionRequest } from "./validate-execution-request.js";
export type {
  AuthorizedExecution,
  GovernedExecutionRequest,
  GatewayValidationResult,
  GatewayExecutionResult,
  GovernedExecutionGateway,
  ValidateExecutionRequestOptions,
} from "./gateway.types.js";
