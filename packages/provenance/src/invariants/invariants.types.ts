import type { LineageEvent } from "../lineage/lineage.types.js";
import type { ReplayResult } from "../lineage-replay/replay.types.js";
import type { VerificationBundle } from "../verification-bundle/verification-bundle.types.js";

/** Names of the invariants `verifyGovernanceInvariants` checks. */
export type GovernanceInvariantName =
  | "replay-validity"
  | "empty-lineage"
  | "execution-without-authorization"
  | "reconciliation-without-receipt"
  | "bundle-integrity"
  | "bundle-execution-mismatch"
  | "bundle-attestation-mismatch";

/** One broken invariant. */
export interface InvariantViolation {
  /** One of {@link GovernanceInvariantName}. */
  readonly invariant: string;
  readonly severity: "low" | "medium" | "high" | "critical";
  readonly message: string;
}

/** Result of `verifyGovernanceInvariants`. */
export interface InvariantVerificationResult {
  /** True when no invariant is violated. */
  readonly valid: boolean;
  readonly violations: readonly InvariantViolation[];
}

/** Input of `verifyGovernanceInvariants`. */
export interface GovernanceInvariantsInput {
  readonly lineageEvents: readonly LineageEvent[];
  /** The replay of `lineageEvents` (`replayLineage`). */
  readonly replay: ReplayResult;
  /** The execution's verification bundle, when one exists. */
  readonly verificationBundle?: VerificationBundle;
}
