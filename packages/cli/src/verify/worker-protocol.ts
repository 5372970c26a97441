import type { CheckerConfig, VerificationJob, VerificationOutcome } from "./verification.types.js";

/** `workerData` of a verification worker. */
export interface WorkerInit {
  readonly config: CheckerConfig;
  /** Whether valid outcomes carry the attestation's identity (invalid ones always do). */
  readonly identityOfValid: boolean;
}

/** Parent → worker: verify these inputs. */
export interface WorkerRequest {
  readonly batchId: number;
  readonly jobs: readonly VerificationJob[];
}

/** Worker → parent: the outcomes of one batch, or why the worker cannot verify at all. */
export type WorkerResponse =
  | { readonly batchId: number; readonly outcomes: readonly VerificationOutcome[] }
  | { readonly initError: { readonly code: string; readonly message: string } };
