import { describeKind, isPlainRecord, ownValue, textOf } from "../internal/lifecycle-guards.js";
import type { ExecutionGateDecision, ExecutionGateInput } from "./execution-gate.types.js";

/**
 * The fail-closed execution gate: aggregates every governance checkpoint and allows execution
 * only when each one positively passes. Any doubt denies: a missing or malformed result, a
 * result that passes but still carries reasons or violations, a consumption status other than
 * `"available"`, an optional check that is present but not passing. `failedChecks` names the
 * checkpoints (`"authority"`, `"consumption"`, `"admissibility"`, `"invariants"`) and `reasons`
 * carries their reasons, each prefixed with the checkpoint's name.
 *
 * The gate is a pre-check; the atomic step is `consumeExecutionAuthority`, which must also
 * return true before the action runs.
 *
 * @param input - `authority` and `consumption` results (required), `admissibility` and
 *   `invariants` results (optional)
 * @returns `{ allowed, reasons, failedChecks }`; never throws
 * @example
 * ```ts
 * const gate = evaluateExecutionGate({
 *   authority: verifyExecutionAuthority(authority, { executorIdentity }),
 *   consumption: await verifyAuthorityConsumption({ authority, consumerIdentity: executorIdentity, store }),
 * });
 * if (!gate.allowed) throw new Error(gate.reasons.join("; "));
 * ```
 */
export function evaluateExecutionGate(input: ExecutionGateInput): ExecutionGateDecision {
  const reasons: string[] = [];
  const failedChecks: string[] = [];
  const deny = (check: string, why: readonly string[]): void => {
    failedChecks.push(check);
    for (const reason of why) reasons.push(`${check}: ${reason}`);
  };
  if (!isPlainRecord(input)) {
    deny("authority", [`gate input is ${describeKind(input)}, not an object`]);
    deny("consumption", ["no consumption result"]);
    return { allowed: false, reasons, failedChecks };
  }

  const authority = ownValue(input, "authority");
  if (!isPlainRecord(authority)) deny("authority", ["no authority verification result"]);
  else judge("authority", authority, "valid", "reasons", deny);

  const consumption = ownValue(input, "consumption");
  if (!isPlainRecord(consumption)) deny("consumption", ["no consumption verification result"]);
  else {
    const status = ownValue(consumption, "status");
    const extra =
      status === "available"
        ? []
        : [`status is ${JSON.stringify(textOf(status))}, not "available"`];
    judge("consumption", consumption, "allowed", "reasons", deny, extra);
  }

  const admissibility = ownValue(input, "admissibility");
  if (admissibility !== undefined) {
    if (!isPlainRecord(admissibility)) deny("admissibility", ["admissibility result is malformed"]);
    else judge("admissibility", admissibility, "admissible", "violations", deny);
  }

  const invariants = ownValue(input, "invariants");
  if (invariants !== undefined) {
    if (!isPlainRecord(invariants)) deny("invariants", ["invariant result is malformed"]);
    else judgeInvariants(invariants, deny);
  }
  return { allowed: failedChecks.length === 0, reasons, failedChecks };
}

/** Passes a result only when its flag is exactly true and its reason list is an empty array. */
function judge(
  check: string,
  result: Record<string, unknown>,
  flagKey: string,
  listKey: string,
  deny: (check: string, why: readonly string[]) => void,
  extra: readonly string[] = [],
): void {
  const flag = ownValue(result, flagKey);
  const list = ownValue(result, listKey);
  const listed = Array.isArray(list) ? list.map(textOf) : undefined;
  if (flag !== true) {
    const why = listed ?? [`${listKey} is not a list`];
    deny(check, why.length > 0 ? why : [`${flagKey} is not true`]);
    return;
  }
  // A pass that still carries reasons, or contradicts another field, is denied rather than guessed at.
  const contradictions = [
    ...(listed === undefined
      ? [`${listKey} is not a list`]
      : listed.length > 0
        ? [`${flagKey} is true but ${listKey} is not empty`, ...listed]
        : []),
    ...extra,
  ];
  if (contradictions.length > 0) deny(check, contradictions);
}

function judgeInvariants(
  result: Record<string, unknown>,
  deny: (check: string, why: readonly string[]) => void,
): void {
  const valid = ownValue(result, "valid");
  const violations = ownValue(result, "violations");
  const why = Array.isArray(violations)
    ? violations.map((violation) => {
        if (!isPlainRecord(violation)) return `malformed violation (${describeKind(violation)})`;
        return `${textOf(ownValue(violation, "invariant"))}: ${textOf(ownValue(violation, "message"))}`;
      })
    : ["violations is not a list"];
  if (valid !== true) deny("invariants", why.length > 0 ? why : ["valid is not true"]);
  else if (why.length > 0)
    deny("invariants", ["valid is true but violations is not empty", ...why]);
}
