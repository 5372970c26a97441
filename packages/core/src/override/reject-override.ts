import { resolveOverride } from "./internal/resolve-override.js";
import type {
  OverrideOptions,
  OverrideRecord,
  RejectOverrideInput,
} from "./override-record.types.js";

/**
 * Rejects a decision that is `pending_override`: the same flow and guarantees as
 * {@link approveOverride}, producing a record with `decision: "rejected"` and `resolved_by`
 * (no `approved_by`). A rejection uses up the execution's one resolution.
 *
 * @param input - `{ executionId | execution_fingerprint, rejected_by, approver_role, reason }`
 * @param options - store, attestation, signer, verifier, clock, allowedRoles, generateId
 * @returns the signed {@link OverrideRecord} with `decision: "rejected"`
 * @throws OverrideError the codes of {@link approveOverride}
 * @example
 * ```ts
 * const refusal = await rejectOverride({
 *   executionId:   attestation.executionId,
 *   rejected_by:   "user@example.com",
 *   approver_role: "risk-manager",
 *   reason:        "Supporting documents do not match the claim.",
 * });
 * ```
 */
export function rejectOverride(
  input: RejectOverrideInput,
  options?: OverrideOptions,
): Promise<OverrideRecord> {
  return resolveOverride("rejected", "rejected_by", input, options);
}
