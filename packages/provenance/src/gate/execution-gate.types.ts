import type { ExecutionAuthorityVerificationResult } from "../authority/execution-authority.types.js";
import type { ConsumptionVerificationResult } from "../consumption/consumption.types.js";
import type { InvariantVerificationResult } from "../invariants/invariants.types.js";
import type { AdmissibilityResult } from "../admissibility/admissibility.types.js";

/** The name of one check the gate aggregates, as `failedChecks` lists it. */
export type ExecutionGateCheckName = "authority" | "consumption" | "admissibility" | "invariants";

/**
 * @deprecated Use {@link ExecutionGateCheckName}: a name ending in `Check` reads as a check's
 * result. The same type under its old name.
 */
export type ExecutionGateCheck = ExecutionGateCheckName;

/** Input of `evaluateExecutionGate`. */
export interface ExecutionGateInput {
  /** From `verifyExecutionAuthority`. Required. */
  readonly authority: ExecutionAuthorityVerificationResult;
  /** From `verifyAuthorityConsumption`. Required. */
  readonly consumption: ConsumptionVerificationResult;
  /** From `evaluateAdmissibility`, when signal admissibility is part of the decision. */
  readonly admissibility?: AdmissibilityResult;
  /** From `verifyGovernanceInvariants`, when lineage invariants are part of the decision. */
  readonly invariants?: InvariantVerificationResult;
}

/** Result of `evaluateExecutionGate`. */
export interface ExecutionGateDecision {
  readonly allowed: boolean;
  /** One line per failure, prefixed with the check's name. */
  readonly reasons: readonly string[];
  /** The checks that failed, in the order authority, consumption, admissibility, invariants. */
  readonly failedChecks: readonly string[];
}
