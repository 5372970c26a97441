// Strict ISO-8601 / RFC 3339 instants: Date.parse alone accepts "2026-02-30" (as March 2) and
// "24:00", which a trust decision must never do silently.

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Milliseconds since the epoch of an RFC 3339 instant with an explicit offset (`Z` or `±hh:mm`),
 * or undefined when the text is not one (impossible dates and times included).
 *
 * @internal
 */
export function parseInstant(text: unknown): number | undefined {
  if (typeof text !== "string" || !INSTANT.test(text)) return undefined;
  // The pattern fixes every field's place: read them as digits (verifyAttestation runs this on
  // every attestation, so no match array and no Date are made here).
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(digitsAt(text, 0, 4), month)) {
    return undefined;
  }
  if (digitsAt(text, 11, 2) > 23 || digitsAt(text, 14, 2) > 59 || digitsAt(text, 17, 2) > 59) {
    return undefined;
  }
  const end = text.length;
  if (!text.endsWith("Z")) {
    if (digitsAt(text, end - 5, 2) > 23 || digitsAt(text, end - 2, 2) > 59) return undefined;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Milliseconds of a `Date` or RFC 3339 string, or undefined. @internal */
export function toInstant(value: unknown): number | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
  return parseInstant(value);
}

/** The number the `count` decimal digits at `start` spell (the pattern has checked they are digits). */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    value = value * 10 + text.charCodeAt(index) - 0x30;
  }
  return value;
}

/** Days in a month of the proleptic Gregorian calendar, as RFC 3339 uses (year 0 is a leap year). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
