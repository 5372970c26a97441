import {
  describeKind,
  isNonEmptyString,
  isPlainRecord,
  ownValue,
  parseUtcTimestamp,
} from "../internal/lifecycle-guards.js";
import { inspectExecutionAuthority } from "./inspect-execution-authority.js";
import type {
  ExecutionAuthority,
  ExecutionAuthorityVerificationResult,
  VerifyExecutionAuthorityInput,
} from "./execution-authority.types.js";

/**
 * Verifies an authority's integrity, executor binding and validity window.
 *
 * - integrity: the fields are well formed, and `nonce` and `authorityHash` recompute from them
 *   (any edited field is caught);
 * - executor: `input.executorIdentity` equals `authority.executorIdentity` exactly;
 * - time: valid for `issuedAt <= currentTime < expiresAt`. `expiresAt` itself is expired
 *   (exclusive bound), and a `currentTime` before `issuedAt` is "not yet valid" (fail closed on
 *   a skewed or forged clock).
 *
 * It does not prevent replay: pair it with an `AuthorityConsumptionStore` through
 * `consumeExecutionAuthority`.
 *
 * @param authority - the authority presented
 * @param input - the presenting `executorIdentity` and an optional ISO-8601 UTC `currentTime`
 *   (defaults to now)
 * @returns `{ valid, reasons }`; never throws
 * @example
 * ```ts
 * const check = verifyExecutionAuthority(authority, {
 *   executorIdentity: "disbursement-service",
 *   currentTime: "2024-05-01T10:02:00.000Z",
 * });
 * ```
 */
export function verifyExecutionAuthority(
  authority: ExecutionAuthority,
  input: VerifyExecutionAuthorityInput,
): ExecutionAuthorityVerificationResult {
  const inspection = inspectExecutionAuthority(authority);
  const reasons = [...inspection.problems];
  if (!isPlainRecord(input)) {
    reasons.push(`verification input must be a plain object, got ${describeKind(input)}`);
    return { valid: false, reasons };
  }
  const executorIdentity = ownValue(input, "executorIdentity");
  if (!isNonEmptyString(executorIdentity)) {
    reasons.push("executorIdentity of the presenting executor is missing");
  } else if (
    inspection.authority !== undefined &&
    executorIdentity !== inspection.authority.executorIdentity
  ) {
    reasons.push(
      `executor mismatch: authority is bound to ${JSON.stringify(inspection.authority.executorIdentity)}, presented by ${JSON.stringify(executorIdentity)}`,
    );
  }
  const currentTime = ownValue(input, "currentTime");
  const now = currentTime === undefined ? Date.now() : parseUtcTimestamp(currentTime);
  if (now === undefined) {
    reasons.push("currentTime is not an ISO-8601 UTC timestamp");
  } else if (inspection.expiresAtMs !== undefined && inspection.issuedAtMs !== undefined) {
    if (now >= inspection.expiresAtMs)
      reasons.push(`authority expired at ${String(ownValue(authority, "expiresAt"))}`);
    else if (now < inspection.issuedAtMs)
      reasons.push(`authority is not valid before ${String(ownValue(authority, "issuedAt"))}`);
  }
  return { valid: reasons.length === 0, reasons };
}
