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
  schemaVersion: string;
  /** ISO-8601 UTC creation time. */
  generatedAt: string;
  executionId: string;
  attestationHash: string;
  provenance?: ProvenanceAttestationSummary;
  executionReceipt?: ExecutionReceipt;
  reconciliation?: ExecutionReconciliationResult;
  auditTimeline?: AuditTimeline;
  /** `"sha256:<hex>"` of the canonical verification bundle without `bundleHash`. */
  bundleHash: string;
}

/** Input of `createVerificationBundle`. */
export interface CreateVerificationBundleInput {
  executionId: string;
  attestationHash: string;
  provenance?: ProvenanceAttestationSummary;
  executionReceipt?: ExecutionReceipt;
  reconciliation?: ExecutionReconciliationResult;
  auditTimeline?: AuditTimeline;
  /** ISO-8601 creation time; when absent the clock is read (see `CreateVerificationBundleOptions`). */
  generatedAt?: string;
}

/** Options of `createVerificationBundle`. */
export interface CreateVerificationBundleOptions {
  /** Clock used when `generatedAt` is absent; returns a Date or epoch milliseconds. Defaults to the system clock. */
  clock?: Clock;
}

/**
 * @deprecated Use {@link VerificationBundleCheckResult}: a `check*` function's result is named
 * `*CheckResult`. The same type under its old name.
 */
export type VerificationBundleCheck = VerificationBundleCheckResult;

/** Detailed result of `checkVerificationBundle`. */
export interface VerificationBundleCheckResult {
  valid: boolean;
  /** One sentence per failed check; empty when valid. */
  errors: string[];
}
