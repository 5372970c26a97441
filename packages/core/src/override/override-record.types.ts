import type { Clock } from "../internal/read-clock.js";
import type {
  AttestationDecision,
  ExecutionAttestation,
} from "../attestation/attestation.types.js";
import type { Signer, Verifier } from "../crypto/signer.types.js";
import type { PendingOverrideReference, PendingOverrideStore } from "./pending-override.types.js";

/** How a human resolved a pending decision. */
export type OverrideDecision = "approved" | "rejected";

/**
 * The signed resolution of a `pending_override` decision. A separate artifact bound to the
 * original attestation by `attestationHash`; the attestation itself is never modified. Signed
 * as `canonicalizeForSigning(payload, SIGNING_DOMAINS.override)`, where the payload is every
 * field except `signature`.
 */
export interface OverrideRecord {
  /** Random UUID of this record. */
  readonly overrideId: string;
  readonly executionId: string;
  readonly execution_fingerprint: string;
  /** `canonicalHash` of the full original attestation, its signature included. */
  readonly attestationHash: string;
  readonly decision: OverrideDecision;
  /** The attested decision that was pending (copied from the attestation). */
  readonly original_decision: AttestationDecision;
  /** Who approved; present exactly when `decision` is `"approved"` (the documented field), equal to `resolved_by`. */
  readonly approved_by?: string;
  /** Who approved or rejected. */
  readonly resolved_by: string;
  /** The role the resolver acted in; checked against the rule's `override_roles`. */
  readonly approver_role: string;
  readonly reason: string;
  /** ISO-8601 UTC time of the resolution, from the injectable clock. */
  readonly resolvedAt: string;
  /** Signing time, equal to `resolvedAt`: trust-root verifiers choose the key valid at `issuedAt`. */
  readonly issuedAt: string;
  readonly policyId: string;
  readonly policyVersion: string;
  /** `keyId` of the signer (`"unspecified"` when the signer names none). */
  readonly signerKeyId: string;
  /** Base64 signature over the override signing input. */
  readonly signature: string;
}

/** Everything of an override record that is signed: all fields except `signature`. */
export type OverrideRecordPayload = Omit<OverrideRecord, "signature">;

/** Input of `approveOverride` (the documented shape): one of the two ids, the approver, role and reason. */
export interface ApproveOverrideInput extends PendingOverrideReference {
  readonly approved_by: string;
  readonly approver_role: string;
  readonly reason: string;
}

/** Input of `rejectOverride`: one of the two ids, who rejects, in which role, and why. */
export interface RejectOverrideInput extends PendingOverrideReference {
  readonly rejected_by: string;
  readonly approver_role: string;
  readonly reason: string;
}

/** Options of `approveOverride` and `rejectOverride`; every member is optional. */
export interface OverrideOptions {
  /** Where the pending decision was recorded; `defaultPendingOverrideStore` by default. */
  readonly store?: PendingOverrideStore;
  /**
   * The original attestation. When the store holds the decision, it must equal the recorded one
   * (same canonical hash); when it does not, it is checked with `verifier` and recorded.
   */
  readonly attestation?: ExecutionAttestation;
  /** Signs the record; the recorded signer by default. */
  readonly signer?: Signer;
  /** Self-verifies the record before it is returned; the recorded verifier by default. */
  readonly verifier?: Verifier;
  /** Clock for `resolvedAt` (a Date or epoch milliseconds); the system clock by default. */
  readonly clock?: Clock;
  /**
   * Roles the caller allows. With the rule's `override_roles` too, the role must be in both (the
   * caller can narrow the policy, never widen it).
   */
  readonly allowedRoles?: readonly string[];
  /** Source of `overrideId`; a random UUID by default. */
  readonly generateId?: () => string;
}

/** The three checks of `verifyOverride`. */
export interface OverrideVerificationChecks {
  /** The signature verifies over the record under the override signing domain. */
  readonly signature_verified: boolean;
  /** `attestationHash`, `executionId`, fingerprint, policy and `original_decision` match the attestation. */
  readonly bound_to_attestation: boolean;
  /** The attestation was `pending_override` (with `requires_override` true). */
  readonly attestation_pending: boolean;
}

/** What `verifyOverride` found; `valid` only when every check passes and the record is well formed. */
export interface OverrideVerificationResult {
  readonly valid: boolean;
  readonly checks: OverrideVerificationChecks;
  readonly errors: readonly string[];
}
