import { ProvenanceError } from "@parmanasystems/core";
import { readClockInstant } from "@parmanasystems/core/internal";

/**
 * Reads an injected clock (or the system clock when none is given) as an ISO-8601 UTC string.
 *
 * @param clock - returns a Date or epoch milliseconds; undefined means the system clock
 * @param functionName - for the error message
 * @returns `Date#toISOString()` of the clock's time
 * @throws ProvenanceError `PROV-016` when `clock` is not a function or returns an invalid time
 */
export function readClock(clock: unknown, functionName: string): string {
  if (clock === undefined) return new Date().toISOString();
  if (typeof clock !== "function") {
    throw new ProvenanceError(
      "PROV-016",
      `${functionName}: options.clock must be a function returning a Date or epoch milliseconds`,
    );
  }
  const time = readClockInstant(clock as () => unknown, "date-or-epoch-ms");
  if (time === undefined) {
    throw new ProvenanceError(
      "PROV-016",
      `${functionName}: options.clock returned an invalid time`,
    );
  }
  return new Date(time).toISOString();
}
