import type { Clock } from "@parmanasystems/core";
import type { ProvenanceTrustLevel } from "@parmanasystems/core";

/** What the executor reported about a governed action's result. */
export type ExecutionOutcome = "success" | "failure" | "partial" | "unknown";

/**
 * A record that a governed action was reported as executed. It proves reported execution, not
 * truthful execution or successful side effects.
 */
export interface ExecutionReceipt {
  executionId: string;
  /** Hash of the attestation that authorized the action. */
  attestationHash: string;
  executorIdentity: string;
  executedAction: string;
  /** `"sha256:<hex>"` of the canonical execution parameters (`hashExecutionParameters`). */
  executedParametersHash: string;
  outcome: ExecutionOutcome;
  /** ISO-8601 UTC time of execution. */
  executedAt: string;
  minimumTrustLevel?: ProvenanceTrustLevel | null;
  metadata?: Record<string, unknown>;
}

/** Input of `createExecutionReceipt`. */
export interface CreateExecutionReceiptInput {
  executionId: string;
  attestationHash: string;
  executorIdentity: string;
  executedAction: string;
  /** Plain JSON; hashed into `executedParametersHash`, never stored. */
  executedParameters: unknown;
  outcome: ExecutionOutcome;
  /** ISO-8601 UTC; when absent the clock is read (see `CreateExecutionReceiptOptions.clock`). */
  executedAt?: string;
  minimumTrustLevel?: ProvenanceTrustLevel | null;
  metadata?: Record<string, unknown>;
}

/** Options of `createExecutionReceipt`. */
export interface CreateExecutionReceiptOptions {
  /** Clock used when `executedAt` is absent; returns a Date or epoch milliseconds. Defaults to the system clock. */
  clock?: Clock;
}
