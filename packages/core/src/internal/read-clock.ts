// Platform-neutral (no node: import). One reading of an injected clock for every option that takes
// one; each caller keeps its own error code and message for a clock that misbehaves.

/**
 * A clock option: returns the current time as a Date or as epoch milliseconds. Tests and replays
 * inject one; the default is the system clock.
 */
export type Clock = () => Date | number;

// The largest |epoch ms| a Date can hold (ECMAScript TimeClip): beyond it no ISO text exists.
const MAX_DATE_MS = 8.64e15;

/**
 * Reads an injected clock, or the system clock when none is given, as epoch milliseconds.
 *
 * @param clock - the clock option; undefined means the system clock
 * @param accepts - `"date"` when only a Date reading is valid, `"date-or-epoch-ms"` when a number
 *   of epoch milliseconds is too
 * @returns the instant in epoch milliseconds, or undefined when the clock is not a function or its
 *   reading is not a valid instant of an accepted type (the caller throws its own coded error)
 * @throws whatever the clock itself throws
 */
export function readClockInstant(
  clock: (() => unknown) | undefined,
  accepts: "date" | "date-or-epoch-ms",
): number | undefined {
  if (clock === undefined) return Date.now();
  // Not callable: no reading at all, which the caller refuses with its own code like a bad one.
  if (typeof clock !== "function") return undefined;
  const reading: unknown = clock();
  let ms: number;
  if (reading instanceof Date) ms = reading.getTime();
  else if (accepts === "date-or-epoch-ms" && typeof reading === "number") ms = reading;
  else return undefined;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}
