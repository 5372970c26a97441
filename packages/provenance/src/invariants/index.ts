export { verifyGovernanceInvariants } from "./verify-governance-invariants.js";
export type {
  InvariantViolation,
  InvariantVerificationResult,
  GovernanceInvariantsInput,
  GovernanceInvariantName,
} from "./invariants.types.js";
