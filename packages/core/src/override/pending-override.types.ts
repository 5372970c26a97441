import type { ExecutionAttestation } from "../attestation/attestation.types.js";
import type { Signer, Verifier } from "../crypto/signer.types.js";

/** A decision waiting for a human override, as `executeFromSignals` records it. */
export interface PendingOverride {
  readonly attestation: ExecutionAttestation;
  /** Signs the override record; the same signer that signed the attestation. */
  readonly signer: Signer;
  /** Verifies the override record before it is returned. */
  readonly verifier: Verifier;
  /** Roles the matched rule allows to override; any role when absent. */
  readonly overrideRoles?: readonly string[];
  /** `id` of the rule that required the override. */
  readonly ruleId: string;
  /**
   * Set by stores on what `find` returns: true once the decision was approved or rejected.
   * A hint for an early `[SYS-022]`; `markResolved` stays the authority.
   */
  readonly resolved?: boolean;
}

/** Reference to a pending decision: the documentation use either field. */
export interface PendingOverrideReference {
  readonly executionId?: string;
  readonly execution_fingerprint?: string;
}

/**
 * Where pending decisions wait for `approveOverride` / `rejectOverride`. In memory by default;
 * implement it over a database to resolve overrides in another process.
 */
export interface PendingOverrideStore {
  /** Records a pending decision. */
  record(pending: PendingOverride): void | Promise<void>;
  /** Finds a pending (or already resolved) decision. */
  find(
    reference: PendingOverrideReference,
  ): PendingOverride | undefined | Promise<PendingOverride | undefined>;
  /**
   * Marks the decision resolved exactly once; returns false when it was already resolved.
   * Must be atomic: of concurrent callers, one gets true.
   */
  markResolved(executionId: string): boolean | Promise<boolean>;
}
