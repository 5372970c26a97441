import { ProvenanceError, canonicalHash, canonicalize } from "@parmanasystems/core";
import {
  describeKind,
  hasOwn,
  isNonEmptyString,
  isPlainRecord,
  isSha256Hash,
  messageOf,
  ownValue,
  parseUtcTimestamp,
  unexpectedKeys,
} from "../internal/lifecycle-guards.js";
import { computeLineageHash } from "./lineage-hash.js";
import type { CreateLineageEventInput, LineageEvent } from "./lineage.types.js";

const INPUT_KEYS: readonly string[] = ["type", "payload", "previousHash", "timestamp", "metadata"];

/**
 * Creates the next event of an append-only lineage chain.
 *
 * `payloadHash` is `canonicalHash(payload)` (`"sha256:"` + SHA-256 of the RFC 8785 form), so a
 * payload that is itself an artifact (a receipt, a reconciliation result) is identified by its
 * canonical hash. `lineageHash` is the domain-separated hash of
 * `{ type, timestamp, payloadHash, previousHash, metadata? }` under `PARMANA_LINEAGE_V1`;
 * `eventId` equals it. The same input with the same `timestamp` always gives the same event.
 *
 * @param input - `type`, `payload`, `previousHash` (null for the genesis event), optional
 *   `timestamp` (ISO-8601 UTC, defaults to the current time) and `metadata` (plain JSON; put
 *   `executionId` and `attestationHash` here so `replayLineage` can reconstruct them)
 * @returns the event
 * @throws ProvenanceError `PROV-020` when the input is malformed (unknown field, empty type,
 *   payload or metadata not plain JSON, previousHash neither null nor a `sha256:` hash, timestamp
 *   not ISO-8601 UTC, metadata `executionId`/`attestationHash` not non-empty strings)
 * @example
 * ```ts
 * const genesis = createLineageEvent({
 *   type: "decision_authorized",
 *   payload: { attestationHash },
 *   previousHash: null,
 *   timestamp: "2024-05-01T10:00:00.000Z",
 *   metadata: { executionId: "loan-42", attestationHash },
 * });
 * const next = createLineageEvent({ type: "execution_reported", payload: receipt, previousHash: genesis.lineageHash });
 * ```
 */
export function createLineageEvent(input: CreateLineageEventInput): LineageEvent {
  if (!isPlainRecord(input)) fail(`input must be a plain object, got ${describeKind(input)}`);
  const extra = unexpectedKeys(input, INPUT_KEYS);
  if (extra.length > 0) fail(`unknown input field(s) ${extra.join(", ")}`);
  const type = ownValue(input, "type");
  if (!isNonEmptyString(type)) fail(`type must be a non-empty string, got ${describeKind(type)}`);
  if (!hasOwn(input, "payload") || ownValue(input, "payload") === undefined) {
    fail("payload is required (any plain JSON value; use null for none)");
  }
  const previousHash = ownValue(input, "previousHash");
  if (previousHash !== null && !isSha256Hash(previousHash)) {
    fail("previousHash must be null (genesis) or the sha256: lineageHash of the previous event");
  }
  const given = ownValue(input, "timestamp");
  let timestamp: string;
  if (given === undefined) {
    timestamp = new Date().toISOString();
  } else if (parseUtcTimestamp(given) !== undefined) {
    timestamp = given as string;
  } else {
    fail("timestamp must be an ISO-8601 UTC timestamp such as 2024-05-01T10:00:00.000Z");
  }
  const metadata = ownValue(input, "metadata");
  if (metadata !== undefined) checkMetadata(metadata);

  let payloadHash: string;
  try {
    payloadHash = canonicalHash(ownValue(input, "payload"));
  } catch (cause) {
    fail(`payload is not plain JSON: ${messageOf(cause)}`, cause);
  }
  let lineageHash: string;
  try {
    lineageHash = computeLineageHash({
      type,
      timestamp,
      payloadHash,
      previousHash,
      ...(metadata === undefined ? {} : { metadata: metadata as Record<string, unknown> }),
    });
  } catch (cause) {
    fail(`metadata is not plain JSON: ${messageOf(cause)}`, cause);
  }
  return {
    eventId: lineageHash,
    type,
    timestamp,
    payloadHash,
    previousHash,
    lineageHash,
    // A copy through canonical JSON: later edits to the caller's object cannot alter the event,
    // and keys such as __proto__ stay data.
    ...(metadata === undefined
      ? {}
      : { metadata: JSON.parse(canonicalize(metadata)) as Record<string, unknown> }),
  };
}

function checkMetadata(metadata: unknown): asserts metadata is Record<string, unknown> {
  if (!isPlainRecord(metadata))
    fail(`metadata must be a plain object, got ${describeKind(metadata)}`);
  for (const key of ["executionId", "attestationHash"]) {
    if (hasOwn(metadata, key) && !isNonEmptyString(ownValue(metadata, key))) {
      fail(`metadata.${key} must be a non-empty string when present`);
    }
  }
}

function fail(message: string, cause?: unknown): never {
  throw new ProvenanceError(
    "PROV-020",
    `createLineageEvent: ${message}`,
    cause === undefined ? {} : { cause },
  );
}
