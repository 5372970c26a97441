import { isPlainRecord, ownValue, textOf } from "../internal/lifecycle-guards.js";
import {
  AUTHORIZATION_EVENT_TYPES,
  LINEAGE_EVENT_TYPES,
} from "../lineage-replay/lineage-event-types.js";
import { replayLineage } from "../lineage-replay/replay-lineage.js";
import type { ReplayResult } from "../lineage-replay/replay.types.js";
import { checkVerificationBundle } from "../verification-bundle/index.js";
import type { VerificationBundle } from "../verification-bundle/verification-bundle.types.js";
import type {
  GovernanceInvariantsInput,
  InvariantVerificationResult,
  InvariantViolation,
} from "./invariants.types.js";

/**
 * Verifies the operational integrity rules of one execution's lineage:
 *
 * | invariant | severity | violated when |
 * |---|---|---|
 * | `replay-validity` | critical | the replay is malformed, not valid, or not the replay of `lineageEvents` (its `replayHash` differs from an independent `replayLineage`) |
 * | `empty-lineage` | critical | there are no lineage events |
 * | `execution-without-authorization` | critical | an `execution_reported` event has no earlier `decision_authorized` or `authority_issued` event |
 * | `reconciliation-without-receipt` | high | an `execution_reconciled` event has no earlier `execution_reported` event |
 * | `bundle-integrity` | high | the verification bundle fails `checkVerificationBundle` |
 * | `bundle-execution-mismatch` | high | the verification bundle's `executionId` differs from the lineage's (or the lineage names none) |
 * | `bundle-attestation-mismatch` | high | the verification bundle's `attestationHash` differs from the lineage's (or the lineage names none) |
 *
 * Execution and attestation are read from an independent replay of `lineageEvents`, so a forged
 * `replay` argument cannot hide a mismatch.
 *
 * @param input - `lineageEvents`, their `replay`, and an optional `verificationBundle`
 * @returns `{ valid, violations }`; never throws
 * @example
 * ```ts
 * const invariants = verifyGovernanceInvariants({ lineageEvents: events, replay: replayLineage(events), verificationBundle });
 * ```
 */
export function verifyGovernanceInvariants(
  input: GovernanceInvariantsInput,
): InvariantVerificationResult {
  const violations: InvariantViolation[] = [];
  const add = (
    invariant: string,
    severity: InvariantViolation["severity"],
    message: string,
  ): void => {
    violations.push({ invariant, severity, message });
  };
  const record: Record<string, unknown> = isPlainRecord(input) ? input : {};
  if (!isPlainRecord(input)) add("replay-validity", "critical", "invariant input is not an object");
  const lineageEvents = ownValue(record, "lineageEvents");
  const events: unknown[] = Array.isArray(lineageEvents) ? lineageEvents : [];
  const independent = replayLineage(events as never);

  checkReplay(ownValue(record, "replay"), independent, add);
  if (!Array.isArray(lineageEvents))
    add("empty-lineage", "critical", "lineageEvents is not an array");
  else if (events.length === 0) add("empty-lineage", "critical", "the lineage has no events");
  checkOrdering(events, add);

  const bundle = ownValue(record, "verificationBundle");
  if (bundle !== undefined) checkVerificationBundleInvariants(bundle, independent, add);
  return { valid: violations.length === 0, violations };
}

type Add = (invariant: string, severity: InvariantViolation["severity"], message: string) => void;

function checkReplay(replay: unknown, independent: ReplayResult, add: Add): void {
  if (!isPlainRecord(replay)) {
    add("replay-validity", "critical", "replay is missing or not an object");
    return;
  }
  if (ownValue(replay, "valid") !== true) {
    const errors = ownValue(replay, "errors");
    const detail =
      Array.isArray(errors) && errors.length > 0 ? `: ${errors.map(textOf).join("; ")}` : "";
    add("replay-validity", "critical", `replay is not valid${detail}`);
  }
  if (ownValue(replay, "replayHash") !== independent.replayHash) {
    add(
      "replay-validity",
      "critical",
      "replay does not match an independent replay of the lineage events (replayHash differs)",
    );
  } else if (!independent.valid && ownValue(replay, "valid") === true) {
    // The replay claims validity for a chain that does not verify (its flag was edited).
    add(
      "replay-validity",
      "critical",
      `independent replay of the lineage is not valid: ${independent.errors.join("; ")}`,
    );
  }
}

function checkOrdering(events: readonly unknown[], add: Add): void {
  let authorized = false;
  let reported = false;
  events.forEach((event, index) => {
    const type = isPlainRecord(event) ? ownValue(event, "type") : undefined;
    if (typeof type !== "string") return;
    if (AUTHORIZATION_EVENT_TYPES.has(type)) authorized = true;
    if (type === LINEAGE_EVENT_TYPES.executionReported) {
      if (!authorized) {
        add(
          "execution-without-authorization",
          "critical",
          `event ${index}: execution reported without an earlier authorization event`,
        );
      }
      reported = true;
    }
    if (type === LINEAGE_EVENT_TYPES.executionReconciled && !reported) {
      add(
        "reconciliation-without-receipt",
        "high",
        `event ${index}: execution reconciled without an earlier execution_reported event`,
      );
    }
  });
}

function checkVerificationBundleInvariants(
  bundle: unknown,
  independent: ReplayResult,
  add: Add,
): void {
  let check: { readonly valid: boolean; readonly errors: readonly string[] };
  try {
    check = checkVerificationBundle(bundle as VerificationBundle);
  } catch {
    check = { valid: false, errors: ["the bundle could not be read"] };
  }
  if (!check.valid)
    add(
      "bundle-integrity",
      "high",
      `verification bundle does not verify: ${check.errors.join("; ")}`,
    );
  const record: Record<string, unknown> = isPlainRecord(bundle) ? bundle : {};
  const executionId = ownValue(record, "executionId");
  const attestationHash = ownValue(record, "attestationHash");
  if (
    independent.state.executionId === undefined ||
    executionId !== independent.state.executionId
  ) {
    add(
      "bundle-execution-mismatch",
      "high",
      `verification bundle is for execution ${JSON.stringify(textOf(executionId))}, the lineage for ${JSON.stringify(independent.state.executionId ?? null)}`,
    );
  }
  if (
    independent.state.attestationHash === undefined ||
    attestationHash !== independent.state.attestationHash
  ) {
    add(
      "bundle-attestation-mismatch",
      "high",
      `verification bundle names attestation ${JSON.stringify(textOf(attestationHash))}, the lineage ${JSON.stringify(independent.state.attestationHash ?? null)}`,
    );
  }
}
