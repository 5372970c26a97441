import { verifyLineageChain } from "../lineage/verify-lineage-chain.js";
import type { LineageEvent } from "../lineage/lineage.types.js";
import { tryCanonicalize } from "../internal/domain-hash.js";
import {
  describeKind,
  isPlainRecord,
  isSha256Hash,
  ownValue,
  parseUtcTimestamp,
} from "../internal/lifecycle-guards.js";
import { REPLAY_HASH_LIST_BY_TYPE } from "./lineage-event-types.js";
import { computeReplayHash } from "./replay-hash.js";
import type { ReplayResult, ReplayState } from "./replay.types.js";

/**
 * Deterministically reconstructs operational state from a lineage chain. The chain is verified
 * first (`verifyLineageChain`); a broken chain gives `valid: false` with its errors (the state
 * is still built from the well-formed events, for diagnosis). Each event's `lineageHash` is
 * recorded in order, and its `payloadHash` is filed by type (`LINEAGE_EVENT_TYPES`:
 * `provenance_recorded`/`provenance_verified` → `provenanceHashes`, `execution_reported` →
 * `executionReceiptHashes`, `execution_reconciled` → `reconciliationHashes`,
 * `verification_bundle_created` → `verificationBundleHashes`, `audit_timeline_recorded` →
 * `timelineHashes`). `executionId` and `attestationHash` come from event metadata; events that
 * disagree make the replay invalid. `reconstructedAt` is the last event's timestamp, never the
 * wall clock, so the same events always give the same `replayHash`.
 *
 * Replay reconstructs observable evidence only; it does not prove truthful execution.
 *
 * @param events - the lineage chain, genesis first
 * @returns `{ valid, replayHash, errors, state }`; never throws
 * @example
 * ```ts
 * const replay = replayLineage(events);
 * if (!replay.valid) console.error(replay.errors);
 * ```
 */
export function replayLineage(events: readonly LineageEvent[]): ReplayResult {
  try {
    return replay(events);
  } catch (error) {
    // A throwing getter or Proxy trap: never throws, as documented; the replay is invalid.
    const state = emptyState();
    const errors = [
      `the lineage could not be read (${error instanceof Error ? error.name : typeof error} thrown)`,
    ];
    return { valid: false, replayHash: computeReplayHash(false, state), errors, state };
  }
}

/** The state while `replay` builds it from the events; returned as the readonly ReplayState. */
type ReplayStateDraft = {
  -readonly [K in keyof ReplayState]: ReplayState[K] extends readonly (infer T)[]
    ? T[]
    : ReplayState[K];
};

function emptyState(): ReplayStateDraft {
  return {
    lineageHashes: [],
    provenanceHashes: [],
    executionReceiptHashes: [],
    reconciliationHashes: [],
    verificationBundleHashes: [],
    timelineHashes: [],
    eventCount: 0,
    reconstructedAt: "",
  };
}

function replay(events: readonly LineageEvent[]): ReplayResult {
  const state = emptyState();
  if (!Array.isArray(events)) {
    const errors = [`lineage must be an array of events, got ${describeKind(events)}`];
    return { valid: false, replayHash: computeReplayHash(false, state), errors, state };
  }
  const errors = [...verifyLineageChain(events).errors];
  state.eventCount = events.length;
  for (let index = 0; index < events.length; index += 1) {
    const event: unknown = events[index];
    if (!isPlainRecord(event)) continue;
    const lineageHash = ownValue(event, "lineageHash");
    const type = ownValue(event, "type");
    const payloadHash = ownValue(event, "payloadHash");
    const timestamp = ownValue(event, "timestamp");
    // Only well-formed values enter the state, so the replay hash is always computable; the
    // malformed ones are already reported by the chain check.
    if (isSha256Hash(lineageHash)) state.lineageHashes.push(lineageHash);
    if (parseUtcTimestamp(timestamp) !== undefined) state.reconstructedAt = timestamp as string;
    const list = typeof type === "string" ? REPLAY_HASH_LIST_BY_TYPE.get(type) : undefined;
    if (list !== undefined && isSha256Hash(payloadHash)) state[list].push(payloadHash);
    const metadata = ownValue(event, "metadata");
    if (isPlainRecord(metadata)) {
      adopt(state, "executionId", ownValue(metadata, "executionId"), index, errors);
      adopt(state, "attestationHash", ownValue(metadata, "attestationHash"), index, errors);
    }
  }
  const valid = errors.length === 0;
  return { valid, replayHash: computeReplayHash(valid, state), errors, state };
}

/** Takes the first value of a metadata key; a later different or non-string value is an error. */
function adopt(
  state: ReplayStateDraft,
  key: "executionId" | "attestationHash",
  value: unknown,
  index: number,
  errors: string[],
): void {
  if (value === undefined) return;
  if (typeof value !== "string" || value.trim() === "" || tryCanonicalize(value) === undefined) {
    errors.push(`event ${index}: metadata.${key} is not a non-empty string`);
    return;
  }
  const current = state[key];
  if (current === undefined) state[key] = value;
  else if (current !== value)
    errors.push(
      `event ${index}: metadata.${key} differs from earlier events (lineage mixes executions)`,
    );
}
