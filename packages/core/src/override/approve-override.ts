import { resolveOverride } from "./internal/resolve-override.js";
import type {
  ApproveOverrideInput,
  OverrideOptions,
  OverrideRecord,
} from "./override-record.types.js";

/**
 * Approves a decision that is `pending_override` and returns a signed override record bound to
 * the hash of the original attestation (which is never modified). The pending decision is found
 * in `options.store`, by default the in-memory store that `executeFromSignals` records into, so
 * the documented one-argument call works in the process that decided. An execution is resolved once,
 * by approval or rejection: of concurrent calls exactly one succeeds. The record is signed under
 * `SIGNING_DOMAINS.override` and verified with the verifier before it is returned; nothing is
 * resolved when any step fails.
 *
 * @param input - `{ executionId | execution_fingerprint, approved_by, approver_role, reason }`
 * @param options - store, attestation, signer, verifier, clock, allowedRoles, generateId
 * @returns the signed {@link OverrideRecord} with `decision: "approved"`
 * @throws OverrideError `SYS-020` not found, `SYS-021` not pending override, `SYS-022` already
 * resolved, `SYS-023` role not allowed, `SYS-024` invalid input, `SYS-025` signing or
 * self-verification failed, `SYS-026` options.attestation does not match, `SYS-028` ambiguous
 * fingerprint; a custom store's own errors pass through
 * @example
 * ```ts
 * const override = await approveOverride({
 *   executionId:   attestation.executionId,
 *   approved_by:   "user@example.com",
 *   approver_role: "risk-manager",
 *   reason:        "Manually reviewed and approved based on supporting documentation.",
 * });
 * verifyOverride(override, attestation, verifier).valid; // true
 * ```
 */
export function approveOverride(
  input: ApproveOverrideInput,
  options?: OverrideOptions,
): Promise<OverrideRecord> {
  return resolveOverride("approved", "approved_by", input, options);
}
