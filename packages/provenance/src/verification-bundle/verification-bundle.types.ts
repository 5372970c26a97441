import type { Clock } from "@parmanasystems/core";
import type { ProvenanceAttestationSummary } from "@parmanasystems/core";
import type { AuditTimeline } from "../audit-timeline/audit-timeline.types.js";
import type { ExecutionReconciliationResult } from "../reconciliation/reconciliation.types.js";
import type { ExecutionReceipt } from "../receipts/execution-receipt.types.js";

/**
 * A portable, independently verifiable evidence artifact holding the operational records of one
 * execution. `bundleHash` is `hashVerificationBundle` of every other member.
 */
export interface VerificationBundle {
  /** `"1.0.0"`. */
  readonly schemaVersion: string;
  /** ISO-8601 UTC creation time. */
  readonly generatedAt: string;
  readonly executionId: string;
  readonly attestationHash: string;
  readonly provenance?: ProvenanceAttestationSummary;
  readonly executionReceipt?: ExecutionReceipt;
  readonly reconciliation?: ExecutionReconciliationResult;
  readonly auditTimeline?: AuditTimeline;
  /** `"sha256:<hex>"` of the canonical verification bundle without `bundleHash`. */
  readonly bundleHash: string;
}

/** Input of `createVerificationBundle`. */
export interface CreateVerificationBundleInput {
  readonly executionId: string;
  readonly attestationHash: string;
  readonly provenance?: ProvenanceAttestationSummary;
  readonly executionReceipt?: ExecutionReceipt;
  readonly reconciliation?: ExecutionReconciliationResult;
  readonly auditTimeline?: AuditTimeline;
  /** ISO-8601 creation time; when absent the clock is read (see `CreateVerificationBundleOptions`). */
  readonly generatedAt?: string;
}

/** Options of `createVerificationBundle`. */
export interface CreateVerificationBundleOptions {
  /** Clock used when `generatedAt` is absent; returns a Date or epoch milliseconds. Defaults to the system clock. */
  readonly clock?: Clock;
}

/**
 * @deprecated Use {@link VerificationBundleCheckResult}: a `check*` function's result is named
 * `*CheckResult`. The same type under its old name.
 */
export type VerificationBundleCheck = VerificationBundleCheckResult;

/** Detailed result of `checkVerificationBundle`. */
export interface VerificationBundleCheckResult {
  readonly valid: boolean;
  /** One sentence per failed check; empty when valid. */
  readonly errors: readonly string[];
}
