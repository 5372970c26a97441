import { SIGNING_DOMAINS } from "@parmanasystems/core";
import { domainHash } from "../internal/domain-hash.js";
import type { LineageEvent } from "./lineage.types.js";

/** The fields a lineage hash covers: every field of the event except `eventId` and itself. */
export type LineageHashBody = Pick<
  LineageEvent,
  "type" | "timestamp" | "payloadHash" | "previousHash" | "metadata"
>;

/**
 * `lineageHash = "sha256:" + hex(SHA-256(JCS({ domain: "PARMANA_LINEAGE_V1", payload: body })))`
 * where body is `{ type, timestamp, payloadHash, previousHash, metadata? }` (metadata only when
 * present). Throws CanonicalizationError when a field is not plain JSON.
 */
export function computeLineageHash(event: LineageHashBody): string {
  const body: Record<string, unknown> = {
    type: event.type,
    timestamp: event.timestamp,
    payloadHash: event.payloadHash,
    previousHash: event.previousHash,
  };
  if (event.metadata !== undefined) body["metadata"] = event.metadata;
  return domainHash(body, SIGNING_DOMAINS.lineage);
}
