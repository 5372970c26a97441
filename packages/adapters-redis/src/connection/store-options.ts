import { StoreError } from "@parmanasystems/core";
import { describeValueRedacted } from "@parmanasystems/core/internal";

/**
 * Refuses option names the store does not know: a misspelt `reservationTTLMs` silently ignored
 * would leave a default the caller meant to change.
 *
 * @throws StoreError `STORE-001`
 */
export function rejectUnknownOptions(
  storeName: string,
  options: Record<string, unknown>,
  known: readonly string[],
): void {
  const unknown = Object.keys(options).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new StoreError(
      "STORE-001",
      `${storeName}: unknown option${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; known options are ${known.join(", ")}`,
      { details: { unknown, known: [...known] } },
    );
  }
}

/**
 * Reads an optional duration in whole milliseconds within `[1, max]`.
 *
 * @throws StoreError `STORE-001` when present and not such an integer
 */
export function readMilliseconds(
  storeName: string,
  options: Record<string, unknown>,
  name: string,
  max: number,
): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new StoreError(
      "STORE-001",
      `${storeName}: option ${name} must be a whole number of milliseconds from 1 to ${max}, got ${describeValueRedacted(value)}`,
      { details: { option: name } },
    );
  }
  return value;
}

/** Longest key prefix, in UTF-8 bytes. */
const MAX_PREFIX_BYTES = 256;

/**
 * Reads the key prefix: a non-empty, well-formed string of at most 256 UTF-8 bytes, so that keys
 * never collide with another program's (an empty prefix would share the whole keyspace).
 *
 * @throws StoreError `STORE-001`
 */
export function readPrefix(
  storeName: string,
  options: Record<string, unknown>,
  fallback: string,
): string {
  const value = options["prefix"];
  if (value === undefined) return fallback;
  if (
    typeof value !== "string" ||
    value.length === 0 ||
    !value.isWellFormed() ||
    Buffer.byteLength(value, "utf8") > MAX_PREFIX_BYTES
  ) {
    throw new StoreError(
      "STORE-001",
      `${storeName}: option prefix must be a non-empty string of at most ${MAX_PREFIX_BYTES} UTF-8 bytes, got ${describeValueRedacted(value)}`,
      { details: { option: "prefix" } },
    );
  }
  return value;
}

/**
 * Reads an optional boolean option (`true` or `false`, nothing else: a string such as `"false"`
 * would otherwise read as on).
 *
 * @throws StoreError `STORE-001` when present and not a boolean
 */
export function readFlag(
  storeName: string,
  options: Record<string, unknown>,
  name: string,
): boolean | undefined {
  const value = options[name];
  if (value === undefined || typeof value === "boolean") return value;
  throw new StoreError(
    "STORE-001",
    `${storeName}: option ${name} must be true or false, got ${describeValueRedacted(value)}`,
    { details: { option: name } },
  );
}
