import type { Clock } from "@parmanasystems/core";
import type { ProvenanceTrustLevel } from "@parmanasystems/core";

/** What the executor reported about a governed action's result. */
export type ExecutionOutcome = "success" | "failure" | "partial" | "unknown";

/**
 * A record that a governed action was reported as executed. It proves reported execution, not
 * truthful execution or successful side effects.
 */
export interface ExecutionReceipt {
  readonly executionId: string;
  /** Hash of the attestation that authorized the action. */
  readonly attestationHash: string;
  readonly executorIdentity: string;
  readonly executedAction: string;
  /** `"sha256:<hex>"` of the canonical execution parameters (`hashExecutionParameters`). */
  readonly executedParametersHash: string;
  readonly outcome: ExecutionOutcome;
  /** ISO-8601 UTC time of execution. */
  readonly executedAt: string;
  readonly minimumTrustLevel?: ProvenanceTrustLevel | null;
  readonly metadata?: Record<string, unknown>;
}

/** Input of `createExecutionReceipt`. */
export interface CreateExecutionReceiptInput {
  readonly executionId: string;
  readonly attestationHash: string;
  readonly executorIdentity: string;
  readonly executedAction: string;
  /** Plain JSON; hashed into `executedParametersHash`, never stored. */
  readonly executedParameters: unknown;
  readonly outcome: ExecutionOutcome;
  /** ISO-8601 UTC; when absent the clock is read (see `CreateExecutionReceiptOptions.clock`). */
  readonly executedAt?: string;
  readonly minimumTrustLevel?: ProvenanceTrustLevel | null;
  readonly metadata?: Record<string, unknown>;
}

/** Options of `createExecutionReceipt`. */
export interface CreateExecutionReceiptOptions {
  /** Clock used when `executedAt` is absent; returns a Date or epoch milliseconds. Defaults to the system clock. */
  readonly clock?: Clock;
}
