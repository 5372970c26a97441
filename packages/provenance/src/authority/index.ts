export { createExecutionAuthority } from "./create-execution-authority.js";
export { verifyExecutionAuthority } from "./verify-execution-authority.js";
export { hashExecutionAuthority } from "./hash-execution-authority.js";
export type {
  ExecutionAuthority,
  CreateExecutionAuthorityInput,
  VerifyExecutionAuthorityInput,
  ExecutionAuthorityVerificationResult,
  ExecutionAuthorityVerification,
} from "./execution-authority.types.js";
