import { describeKind } from "../internal/lifecycle-guards.js";
import { inspectLineageEvent } from "./inspect-lineage-event.js";
import type { LineageChainVerificationResult, LineageEvent } from "./lineage.types.js";

/**
 * Verifies the cryptographic continuity of an append-only lineage chain: every event is well
 * formed and its `lineageHash` recomputes from its fields (`eventId` equal to it), the first
 * event is a genesis (`previousHash: null`), every later event names its predecessor's
 * `lineageHash`, no event appears twice, and timestamps never go backwards. Any edited field,
 * dropped, inserted or reordered event is reported.
 *
 * This is tamper evidence for whoever holds the events, not distributed consensus: a writer
 * that rebuilds the whole chain produces another valid chain. Sign it
 * (`createGovernanceProofBundle`) to bind it to a key. An empty array is a valid (empty) chain;
 * `verifyGovernanceInvariants` reports empty lineage.
 *
 * @param events - the chain in order, genesis first
 * @returns `{ valid, errors }`; never throws, whatever `events` is
 * @example
 * ```ts
 * const { valid, errors } = verifyLineageChain([genesis, next]);
 * ```
 */
export function verifyLineageChain(
  events: readonly LineageEvent[],
): LineageChainVerificationResult {
  try {
    return verifyChain(events);
  } catch (error) {
    // A throwing getter or Proxy trap: never throws, as documented.
    return {
      valid: false,
      errors: [
        `the lineage could not be read (${error instanceof Error ? error.name : typeof error} thrown)`,
      ],
    };
  }
}

function verifyChain(events: readonly LineageEvent[]): LineageChainVerificationResult {
  if (!Array.isArray(events)) {
    return {
      valid: false,
      errors: [`lineage must be an array of events, got ${describeKind(events)}`],
    };
  }
  const errors: string[] = [];
  const seen = new Set<string>();
  let previous: { lineageHash: string; time: number } | undefined;
  for (let index = 0; index < events.length; index += 1) {
    const inspection = inspectLineageEvent(events[index]);
    for (const problem of inspection.problems) errors.push(`event ${index}: ${problem}`);
    const event = inspection.event;
    if (event === undefined) {
      previous = undefined;
      continue;
    }
    if (index === 0) {
      if (event.previousHash !== null)
        errors.push("event 0: the first event must be a genesis event (previousHash null)");
    } else if (event.previousHash === null) {
      errors.push(`event ${index}: a second genesis event (previousHash null) inside the chain`);
    } else if (previous !== undefined && event.previousHash !== previous.lineageHash) {
      errors.push(
        `event ${index}: previousHash does not link to event ${index - 1} (events dropped, inserted or reordered)`,
      );
    }
    if (seen.has(event.lineageHash)) errors.push(`event ${index}: duplicate of an earlier event`);
    seen.add(event.lineageHash);
    const time = inspection.time as number;
    if (previous !== undefined && time < previous.time) {
      errors.push(`event ${index}: timestamp is earlier than event ${index - 1}'s`);
    }
    previous = { lineageHash: event.lineageHash, time };
  }
  return { valid: errors.length === 0, errors };
}
