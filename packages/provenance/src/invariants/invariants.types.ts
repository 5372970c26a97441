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
  invariant: string;
  severity: "low" | "medium" | "high" | "critical";
  message: string;
}

/** Result of `verifyGovernanceInvariants`. */
export interface InvariantVerificationResult {
  /** True when no invariant is violated. */
  valid: boolean;
  violations: InvariantViolation[];
}

/** Input of `verifyGovernanceInvariants`. */
export interface GovernanceInvariantsInput {
  lineageEvents: LineageEvent[];
  /** The replay of `lineageEvents` (`replayLineage`). */
  replay: ReplayResult;
  /** The execution's verification bundle, when one exists. */
  verificationBundle?: VerificationBundle;
}
