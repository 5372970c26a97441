import { parseInstant } from "./iso-time.js";

/**
 * True for a strict ISO-8601 date-time with a `Z` or `±hh:mm` offset that names a real instant:
 * the trust root's reading of an instant (`Date.parse` alone rolls `2026-02-30` over into March).
 */
export function isIsoDateTime(value: unknown): value is string {
  return parseInstant(value) !== undefined;
}
