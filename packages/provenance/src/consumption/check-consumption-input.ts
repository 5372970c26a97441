import { inspectExecutionAuthority } from "../authority/inspect-execution-authority.js";
import type { ExecutionAuthority } from "../authority/execution-authority.types.js";
import {
  describeKind,
  isNonEmptyString,
  isPlainRecord,
  ownValue,
  parseUtcTimestamp,
} from "../internal/lifecycle-guards.js";
import type { AuthorityConsumptionStore } from "./consumption.types.js";

/** The pre-store checks shared by `verifyAuthorityConsumption` and `consumeExecutionAuthority`. */
export interface ConsumptionPrecheck {
  /** Why the authority cannot be consumed by this consumer now, before asking the store. */
  readonly reasons: string[];
  /** True when the input, authority structure or integrity is broken (status "invalid"). */
  readonly invalid: boolean;
  /** True when the authority is intact but `currentTime >= expiresAt`. */
  readonly expired: boolean;
  readonly authority?: ExecutionAuthority;
  readonly consumerIdentity?: string;
  readonly store?: AuthorityConsumptionStore;
}

/**
 * Checks everything that does not need the store: input shape, the store's methods, authority
 * integrity, executor binding and the validity window (`issuedAt <= now < expiresAt`). Never
 * throws.
 */
export function precheckConsumption(input: unknown): ConsumptionPrecheck {
  if (!isPlainRecord(input)) {
    return {
      reasons: [`consumption input must be a plain object, got ${describeKind(input)}`],
      invalid: true,
      expired: false,
    };
  }
  const reasons: string[] = [];
  let invalid = false;
  const store = ownValue(input, "store");
  const storeUsable =
    typeof store === "object" &&
    store !== null &&
    typeof (store as Partial<AuthorityConsumptionStore>).consume === "function" &&
    typeof (store as Partial<AuthorityConsumptionStore>).getStatus === "function";
  if (!storeUsable) {
    reasons.push("store is not an AuthorityConsumptionStore (consume and getStatus methods)");
    invalid = true;
  }
  const inspection = inspectExecutionAuthority(ownValue(input, "authority"));
  if (inspection.problems.length > 0) {
    reasons.push(...inspection.problems);
    invalid = true;
  }
  const consumerIdentity = ownValue(input, "consumerIdentity");
  if (!isNonEmptyString(consumerIdentity)) {
    reasons.push("consumerIdentity is not a non-empty string");
    invalid = true;
  } else if (
    inspection.authority !== undefined &&
    consumerIdentity !== inspection.authority.executorIdentity
  ) {
    reasons.push(
      `executor mismatch: authority is bound to ${JSON.stringify(inspection.authority.executorIdentity)}, consumer is ${JSON.stringify(consumerIdentity)}`,
    );
  }
  const currentTime = ownValue(input, "currentTime");
  const now = currentTime === undefined ? Date.now() : parseUtcTimestamp(currentTime);
  let expired = false;
  if (now === undefined) {
    reasons.push("currentTime is not an ISO-8601 UTC timestamp");
    invalid = true;
  } else if (
    inspection.authority !== undefined &&
    inspection.expiresAtMs !== undefined &&
    inspection.issuedAtMs !== undefined
  ) {
    if (now >= inspection.expiresAtMs) {
      reasons.push(`authority expired at ${inspection.authority.expiresAt}`);
      expired = true;
    } else if (now < inspection.issuedAtMs) {
      reasons.push(`authority is not valid before ${inspection.authority.issuedAt}`);
    }
  }
  return {
    reasons,
    invalid,
    expired,
    ...(inspection.authority === undefined ? {} : { authority: inspection.authority }),
    ...(isNonEmptyString(consumerIdentity) ? { consumerIdentity } : {}),
    ...(storeUsable ? { store: store as AuthorityConsumptionStore } : {}),
  };
}
