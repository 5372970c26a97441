import type { Clock } from "@parmanasystems/core";
import type { ExecutionReceipt } from "../receipts/execution-receipt.types.js";

/** The intent an attestation authorized: which action, with which parameters. */
export interface AuthorizedExecution {
  readonly executionId: string;
  readonly attestationHash: string;
  readonly authorizedAction: string;
  /** `"sha256:<hex>"` of the canonical authorized parameters (`hashExecutionParameters`). */
  readonly authorizedParametersHash: string;
}

/** A request to carry out an authorized action, as a gateway receives it. */
export interface GovernedExecutionRequest {
  readonly authorizedExecution: AuthorizedExecution;
  readonly executorIdentity: string;
  /** The parameters the executor is about to use; must hash to `authorizedParametersHash`. */
  readonly executionParameters: unknown;
  /**
   * ISO-8601 time the request was made. Used as `validatedAt` when no clock is injected, so
   * replaying a recorded request gives the same result.
   */
  readonly requestedAt?: string;
  readonly metadata?: Record<string, unknown>;
}

/** Result of `validateExecutionRequest`. */
export interface GatewayValidationResult {
  readonly allowed: boolean;
  /** Why the request was refused; empty when allowed. */
  readonly reasons: readonly string[];
  /** ISO-8601 UTC time of the validation. */
  readonly validatedAt: string;
}

/** Result of `GovernedExecutionGateway.execute`. */
export interface GatewayExecutionResult {
  readonly success: boolean;
  readonly executionReceipt?: ExecutionReceipt;
  readonly error?: string;
}

/**
 * What a governed execution gateway implements. Implementations must be deterministic in their
 * authorization behaviour, replay-safe and fail-closed: `execute` must refuse any request that
 * `validateExecution` would not allow.
 */
export interface GovernedExecutionGateway {
  validateExecution(
    request: GovernedExecutionRequest,
  ): Promise<GatewayValidationResult> | GatewayValidationResult;
  execute(
    request: GovernedExecutionRequest,
  ): Promise<GatewayExecutionResult> | GatewayExecutionResult;
}

/** Options of `validateExecutionRequest`. */
export interface ValidateExecutionRequestOptions {
  /**
   * Clock for `validatedAt`; returns a Date or epoch milliseconds. Without it, `validatedAt` is
   * the request's `requestedAt` when present, else the system clock.
   */
  readonly clock?: Clock;
}
