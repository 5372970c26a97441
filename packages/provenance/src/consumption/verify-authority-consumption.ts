import { messageOf, textOf } from "../internal/lifecycle-guards.js";
import { precheckConsumption } from "./check-consumption-input.js";
import type {
  AuthorityConsumptionInput,
  AuthorityConsumptionStatus,
  ConsumptionVerificationResult,
} from "./consumption.types.js";

const STATUSES: ReadonlySet<string> = new Set(["available", "consumed", "expired", "invalid"]);

/**
 * Checks, without consuming, whether an authority may be consumed now by this consumer: the
 * authority verifies (integrity, executor binding, `issuedAt <= currentTime < expiresAt`) and
 * the store reports it `"available"`. Status: `"invalid"` for a malformed or tampered
 * authority, bad input, or a store that fails (its error is named in `reasons`; a store failure
 * is never read as "available"); otherwise the store's answer, with `"expired"` when the time
 * check fails and the store does not already say `"consumed"`.
 *
 * A positive answer is a pre-check only: another consumer may win the race. Execute only when
 * `consumeExecutionAuthority` returns true.
 *
 * @param input - `authority`, `consumerIdentity`, `store`, optional ISO-8601 UTC `currentTime`
 * @returns `{ allowed, reasons, status }`; never throws or rejects
 * @example
 * ```ts
 * const consumption = await verifyAuthorityConsumption({ authority, consumerIdentity: "disbursement-service", store });
 * ```
 */
export async function verifyAuthorityConsumption(
  input: AuthorityConsumptionInput,
): Promise<ConsumptionVerificationResult> {
  const precheck = precheckConsumption(input);
  const reasons = [...precheck.reasons];
  if (precheck.invalid || precheck.authority === undefined || precheck.store === undefined) {
    return { allowed: false, reasons, status: "invalid" };
  }
  let stored: unknown;
  try {
    stored = await precheck.store.getStatus(precheck.authority);
  } catch (error) {
    reasons.push(`consumption store failed, failing closed: ${messageOf(error)}`);
    return { allowed: false, reasons, status: "invalid" };
  }
  if (typeof stored !== "string" || !STATUSES.has(stored)) {
    reasons.push(
      `consumption store returned an unknown status ${JSON.stringify(textOf(stored))}, failing closed`,
    );
    return { allowed: false, reasons, status: "invalid" };
  }
  let status = stored as AuthorityConsumptionStatus;
  if (status === "consumed") reasons.push("authority was already consumed");
  else if (status === "expired") {
    if (!precheck.expired) reasons.push("consumption store reports the authority expired");
  } else if (status === "invalid") reasons.push("consumption store reports the authority invalid");
  else if (precheck.expired) status = "expired";
  return { allowed: reasons.length === 0 && status === "available", reasons, status };
}
