import { describeKind, parseUtcTimestamp } from "../internal/lifecycle-guards.js";
import { inspectLineageEvent } from "../lineage/inspect-lineage-event.js";
import type { LineageEvent } from "../lineage/lineage.types.js";

/** Result of `verifyPersistedLineage`. */
export interface PersistedLineageVerificationResult {
  valid: boolean;
  errors: string[];
  continuity: {
    /** The sequence is in chain order: genesis first, each event linking to the one before, time never going back. */
    ordered: boolean;
    /** Nothing was rewritten or removed: one genesis, no duplicates, no forks, no gaps. */
    appendOnly: boolean;
    /** Every event is well formed and its `lineageHash` recomputes from its fields. */
    tamperFree: boolean;
  };
}

/**
 * Verifies that lineage events read back from a persistence store (one execution's,
 * `getByExecutionId`) are cryptographically continuous and append-only. The three properties are
 * judged separately, so a report says what went wrong:
 *
 * - `tamperFree`: each event is well formed and its `lineageHash` recomputes (an edited row);
 * - `appendOnly`: exactly one genesis, no `lineageHash` twice, no two events naming the same
 *   predecessor (a fork: history rewritten by appending an alternative), and every predecessor
 *   present (a gap: a deleted row);
 * - `ordered`: the rows come in chain order with non-decreasing timestamps (rows reordered, or
 *   read without `ORDER BY`).
 *
 * An empty sequence is valid (nothing to contradict).
 *
 * @param events - the events in the order the store returned them
 * @returns `{ valid, errors, continuity }`; never throws
 * @example
 * ```ts
 * const result = verifyPersistedLineage(await store.getByExecutionId("loan-42"));
 * if (!result.continuity.appendOnly) alert("lineage history was rewritten");
 * ```
 */
export function verifyPersistedLineage(
  events: readonly LineageEvent[],
): PersistedLineageVerificationResult {
  if (!Array.isArray(events)) {
    return {
      valid: false,
      errors: [`persisted lineage must be an array of events, got ${describeKind(events)}`],
      continuity: { ordered: false, appendOnly: false, tamperFree: false },
    };
  }
  const tamperErrors: string[] = [];
  const appendErrors: string[] = [];
  const orderErrors: string[] = [];
  const readable: {
    index: number;
    lineageHash: string;
    previousHash: string | null;
    time: number | undefined;
  }[] = [];
  events.forEach((value, index) => {
    const inspection = inspectLineageEvent(value);
    for (const problem of inspection.problems) tamperErrors.push(`event ${index}: ${problem}`);
    if (inspection.event !== undefined) {
      readable.push({
        index,
        lineageHash: inspection.event.lineageHash,
        previousHash: inspection.event.previousHash,
        time: parseUtcTimestamp(inspection.event.timestamp),
      });
    }
  });

  const hashes = new Set<string>();
  const predecessors = new Map<string, number>();
  let genesisCount = 0;
  for (const event of readable) {
    if (hashes.has(event.lineageHash))
      appendErrors.push(`event ${event.index}: the same lineageHash is stored twice`);
    hashes.add(event.lineageHash);
    if (event.previousHash === null) {
      genesisCount += 1;
      continue;
    }
    const sibling = predecessors.get(event.previousHash);
    if (sibling !== undefined)
      appendErrors.push(
        `event ${event.index}: forks from the same predecessor as event ${sibling}`,
      );
    else predecessors.set(event.previousHash, event.index);
  }
  if (readable.length > 0 && genesisCount !== 1)
    appendErrors.push(`expected exactly one genesis event, found ${genesisCount}`);
  for (const event of readable) {
    if (event.previousHash !== null && !hashes.has(event.previousHash)) {
      appendErrors.push(`event ${event.index}: its predecessor is missing (an event was removed)`);
    }
  }

  const byIndex = new Map(readable.map((event) => [event.index, event]));
  events.forEach((_value, index) => {
    const event = byIndex.get(index);
    if (event === undefined) return;
    if (index === 0) {
      if (event.previousHash !== null)
        orderErrors.push("event 0: the sequence does not start with the genesis event");
      return;
    }
    const previous = byIndex.get(index - 1);
    if (previous === undefined || event.previousHash !== previous.lineageHash) {
      orderErrors.push(`event ${index}: does not follow event ${index - 1} in the chain`);
    }
    if (previous?.time !== undefined && event.time !== undefined && event.time < previous.time) {
      orderErrors.push(`event ${index}: timestamp is earlier than event ${index - 1}'s`);
    }
  });

  const continuity = {
    ordered: orderErrors.length === 0,
    appendOnly: appendErrors.length === 0,
    tamperFree: tamperErrors.length === 0,
  };
  return {
    valid: continuity.ordered && continuity.appendOnly && continuity.tamperFree,
    errors: [...tamperErrors, ...appendErrors, ...orderErrors],
    continuity,
  };
}
