import {
  describeKind,
  hasOwn,
  isNonEmptyString,
  isPlainRecord,
  isSha256Hash,
  ownValue,
  parseUtcTimestamp,
  unexpectedKeys,
} from "../internal/lifecycle-guards.js";
import { computeLineageHash } from "./lineage-hash.js";
import type { LineageEvent } from "./lineage.types.js";

const LINEAGE_EVENT_KEYS: readonly string[] = [
  "eventId",
  "type",
  "timestamp",
  "payloadHash",
  "previousHash",
  "lineageHash",
  "metadata",
];

/** What inspecting one event found: its problems, and the event itself when well formed. */
export interface LineageEventInspection {
  /** Problems without the event position; empty when the event is well formed and untampered. */
  readonly problems: string[];
  /** The event, when its structure is sound (its hash may still be wrong). */
  readonly event?: LineageEvent;
  /** Epoch milliseconds of `timestamp`, when it parses. */
  readonly time?: number;
}

/**
 * Checks one lineage event on its own: closed structure, field formats,
 * `eventId === lineageHash`, and that `lineageHash` recomputes from the other fields. Never throws.
 */
export function inspectLineageEvent(value: unknown): LineageEventInspection {
  if (!isPlainRecord(value))
    return { problems: [`is ${describeKind(value)}, not a lineage event object`] };
  const problems: string[] = [];
  const extra = unexpectedKeys(value, LINEAGE_EVENT_KEYS);
  if (extra.length > 0) problems.push(`has unexpected field(s) ${extra.join(", ")}`);
  const type = ownValue(value, "type");
  const timestamp = ownValue(value, "timestamp");
  const payloadHash = ownValue(value, "payloadHash");
  const previousHash = ownValue(value, "previousHash");
  const lineageHash = ownValue(value, "lineageHash");
  const eventId = ownValue(value, "eventId");
  const metadata = ownValue(value, "metadata");
  if (!isNonEmptyString(type)) problems.push("type is not a non-empty string");
  const time = parseUtcTimestamp(timestamp);
  if (time === undefined) problems.push("timestamp is not an ISO-8601 UTC timestamp");
  if (!isSha256Hash(payloadHash)) problems.push("payloadHash is not a sha256: hash");
  if (!hasOwn(value, "previousHash") || (previousHash !== null && !isSha256Hash(previousHash))) {
    problems.push("previousHash is neither null nor a sha256: hash");
  }
  if (!isSha256Hash(lineageHash)) problems.push("lineageHash is not a sha256: hash");
  if (eventId !== lineageHash) problems.push("eventId does not equal lineageHash");
  if (hasOwn(value, "metadata") && !isPlainRecord(metadata))
    problems.push("metadata is not a plain object");
  if (problems.length > 0) return time === undefined ? { problems } : { problems, time };

  const event = value as unknown as LineageEvent;
  let recomputed: string;
  try {
    recomputed = computeLineageHash({
      type: type as string,
      timestamp: timestamp as string,
      payloadHash: payloadHash as string,
      previousHash: previousHash as string | null,
      ...(metadata === undefined ? {} : { metadata: metadata as Record<string, unknown> }),
    });
  } catch {
    return { problems: ["metadata is not plain JSON"], event, time: time as number };
  }
  if (recomputed !== lineageHash) {
    return {
      problems: ["lineageHash does not match the event's contents (tampered)"],
      event,
      time: time as number,
    };
  }
  return { problems: [], event, time: time as number };
}
