import type { ExecutionAuthorityVerification } from "../authority/execution-authority.types.js";
import type { ConsumptionVerificationResult } from "../consumption/consumption.types.js";
import type { InvariantVerificationResult } from "../invariants/invariants.types.js";
import type { AdmissibilityResult } from "../admissibility/admissibility.types.js";

/** The checks the gate aggregates. */
export type ExecutionGateCheck = "authority" | "consumption" | "admissibility" | "invariants";

/** Input of `evaluateExecutionGate`. */
export interface ExecutionGateInput {
  /** From `verifyExecutionAuthority`. Required. */
  authority: ExecutionAuthorityVerification;
  /** From `verifyAuthorityConsumption`. Required. */
  consumption: ConsumptionVerificationResult;
  /** From `evaluateAdmissibility`, when signal admissibility is part of the decision. */
  admissibility?: AdmissibilityResult;
  /** From `verifyGovernanceInvariants`, when lineage invariants are part of the decision. */
  invariants?: InvariantVerificationResult;
}

/** Result of `evaluateExecutionGate`. */
export interface ExecutionGateDecision {
  allowed: boolean;
  /** One line per failure, prefixed with the check's name. */
  reasons: string[];
  /** The checks that failed, in the order authority, consumption, admissibility, invariants. */
  failedChecks: string[];
}
