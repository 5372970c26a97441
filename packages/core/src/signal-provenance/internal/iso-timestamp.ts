// RFC 3339 date-time, the profile of ISO-8601 that Date#toISOString and source APIs emit.
const RFC3339_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * True for an RFC 3339 / ISO-8601 date-time string with an explicit zone (`Z` or `+05:30`) that
 * names a real instant. Date-only strings and zone-less times are refused: their instant depends
 * on the reader's time zone.
 */
export function isIsoTimestamp(value: unknown): value is string {
  return (
    typeof value === "string" && RFC3339_PATTERN.test(value) && !Number.isNaN(Date.parse(value))
  );
}
