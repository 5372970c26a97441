import type { Clock } from "../internal/read-clock.js";
import type { Signer, Verifier } from "../crypto/signer.types.js";
import type { OverrideRecord } from "../override/override-record.types.js";

/** What the caller's system actually did after the decision. */
export interface ExecutedAction {
  /** The action performed, compared with the attested `decision.action`. */
  readonly action: string;
  /** What was sent or done (amount, account, ...); only its hash goes into the proof. */
  readonly payload?: unknown;
  /** ISO-8601 time the action was performed, e.g. `new Date().toISOString()`. */
  readonly executedAt: string;
}

/** The executed action as the proof records it: the payload is replaced by `payloadHash`. */
export interface RecordedExecutedAction {
  readonly action: string;
  readonly executedAt: string;
}

/** Options of `confirmExecution`. */
export interface ConfirmExecutionOptions {
  /** Signs the proof under `SIGNING_DOMAINS.audit`. */
  readonly signer: Signer;
  /** Verifies the fresh proof before it is returned; also checks `override` unless `overrideVerifier` is given. */
  readonly verifier: Verifier;
  /** The payload that was authorised; `payloadMatches` compares canonical hashes. */
  readonly expectedPayload?: unknown;
  /** Most seconds allowed from the attestation's `issuedAt` to `executedAt` (inclusive). */
  readonly maxDelaySeconds?: number;
  /** Clock for `confirmedAt` (a Date or epoch milliseconds); the system clock by default. */
  readonly clock?: Clock;
  /** The override record that approved a `pending_override` decision. */
  readonly override?: OverrideRecord;
  /** Verifies `override`'s signature when its signer differs from the proof's; `verifier` by default. */
  readonly overrideVerifier?: Verifier;
}

/** Each comparison behind `match`. */
export interface ExecutionMatchDetails {
  /** `executedAction.action` equals the attested `decision.action`. */
  readonly actionMatches: boolean;
  /** The payload's canonical hash equals `expectedPayload`'s; true when no payload was expected. */
  readonly payloadMatches: boolean;
  /** `executedAt` is not before `issuedAt` and, with `maxDelaySeconds`, at most that many seconds after. */
  readonly withinTimeWindow: boolean;
  /**
   * A completed decision needs no override; a `pending_override` one needs an approval record
   * that `verifyOverride` accepts for this attestation, resolved no later than `executedAt`.
   */
  readonly overrideSatisfied: boolean;
}

/**
 * Signed proof that an executed action matches (or does not match) what an attestation
 * authorised. Signed as `canonicalizeForSigning(payload, SIGNING_DOMAINS.audit)`, where the
 * payload is every field except `signature`.
 */
export interface ExecutionIntegrityProof {
  readonly executionId: string;
  /** `canonicalHash` of the full attestation, signature included. */
  readonly attestationHash: string;
  /** The attested `decision.action`. */
  readonly authorizedAction: string;
  readonly executedAction: RecordedExecutedAction;
  /** `canonicalHash` of the executed payload, or null when none was given. */
  readonly payloadHash: string | null;
  /** `canonicalHash` of `expectedPayload`, or null when none was given. */
  readonly expectedPayloadHash: string | null;
  /** The time window applied, or null when none was. */
  readonly maxDelaySeconds: number | null;
  /** `canonicalHash` of the override record considered, or null when none was given. */
  readonly overrideHash: string | null;
  /** `canonicalHash` over every field above plus `match`, `matchDetails` and `confirmedAt`. */
  readonly integrityHash: string;
  /** True only when every member of `matchDetails` is true. */
  readonly match: boolean;
  readonly matchDetails: ExecutionMatchDetails;
  /** ISO-8601 UTC time of the confirmation, from the injectable clock. */
  readonly confirmedAt: string;
  /** Signing time, equal to `confirmedAt`: trust-root verifiers choose the key valid at `issuedAt`. */
  readonly issuedAt: string;
  /** `keyId` of the signer (`"unspecified"` when the signer names none). */
  readonly signerKeyId: string;
  readonly signature: string;
}

/** What `verifyExecutionIntegrity` found; `valid` says the proof is authentic and consistent, not that it matched. */
export interface ExecutionIntegrityVerificationResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
}
