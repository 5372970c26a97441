import { precheckConsumption } from "./check-consumption-input.js";
import type { AuthorityConsumptionInput } from "./consumption.types.js";

/**
 * Consumes an authority atomically: verifies it (integrity, executor binding,
 * `issuedAt <= currentTime < expiresAt`), then asks the store to consume it. Resolves true only
 * for the one call that consumed it; execute the governed action only then.
 *
 * Fail closed: resolves false, never throws or rejects, when the authority is malformed,
 * tampered, bound to another executor, expired or not yet valid, already consumed, or when the
 * store is missing, throws, rejects or answers anything but `true`.
 *
 * @param input - `authority`, `consumerIdentity`, `store`, optional ISO-8601 UTC `currentTime`
 * @returns true when this call consumed the authority, false otherwise
 * @example
 * ```ts
 * if (await consumeExecutionAuthority({ authority, consumerIdentity: "disbursement-service", store })) {
 *   await disburse(parameters);
 * }
 * ```
 */
export async function consumeExecutionAuthority(
  input: AuthorityConsumptionInput,
): Promise<boolean> {
  let precheck: ReturnType<typeof precheckConsumption>;
  try {
    precheck = precheckConsumption(input);
  } catch {
    // A throwing getter or Proxy in the input: fail closed, as documented.
    return false;
  }
  if (
    precheck.reasons.length > 0 ||
    precheck.authority === undefined ||
    precheck.store === undefined
  )
    return false;
  try {
    return (
      (await precheck.store.consume(precheck.authority, precheck.consumerIdentity as string)) ===
      true
    );
  } catch {
    return false;
  }
}
