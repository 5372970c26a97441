// Structural input checks shared by the lineage, authority, proof and store modules. Inputs to
// these functions are often attacker-controlled (verification and proof bundles, persisted
// rows), so every check is structural (no instanceof) and never throws.

// The plain-object, own-property and kind-description checks are core's (one implementation for
// every package).
import { describeKind } from "@parmanasystems/core/internal";
export { describeKind, hasOwn, isPlainRecord } from "@parmanasystems/core/internal";

/** Reads an own data property; getters and inherited members are never invoked. */
export function ownValue(record: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(record, key);
  return descriptor !== undefined && "value" in descriptor ? descriptor.value : undefined;
}

/** True for a string with at least one non-whitespace character. */
export function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0;
}

const SHA256_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** True for `"sha256:" + 64 lowercase hex`, the form of every lineage, authority and proof hash. */
export function isSha256Hash(value: unknown): value is string {
  return typeof value === "string" && SHA256_HASH_PATTERN.test(value);
}

/**
 * Own keys of `record` that are not in `allowed`, plus a marker for symbol keys. Artifacts are
 * closed: a member no hash covers must not ride along unnoticed.
 */
export function unexpectedKeys(record: object, allowed: readonly string[]): string[] {
  const extra = Object.keys(record).filter((key) => !allowed.includes(key));
  // Non-enumerable own properties are invisible to canonicalize, so they are refused as well.
  for (const key of Object.getOwnPropertyNames(record)) {
    if (!allowed.includes(key) && !extra.includes(key)) extra.push(key);
  }
  if (Object.getOwnPropertySymbols(record).length > 0) extra.push("<symbol>");
  return extra;
}

// ISO-8601 UTC as Date#toISOString writes it, fractional seconds optional (1..9 digits).
const UTC_TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * Parses an ISO-8601 UTC timestamp (`2024-05-01T10:00:00Z`, `2024-05-01T10:00:00.123Z`) to epoch
 * milliseconds (fractions beyond a millisecond are truncated). Returns undefined for anything
 * else, including offsets other than `Z`, impossible dates (`2024-02-30`) and leap seconds: the
 * lifecycle compares instants, and a zone-less or rolled-over date has no single instant.
 */
export function parseUtcTimestamp(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = UTC_TIMESTAMP_PATTERN.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number((match[7] ?? "").padEnd(3, "0").slice(0, 3));
  const epoch = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (Number.isNaN(epoch)) return undefined;
  const date = new Date(epoch);
  // Date.UTC rolls 2024-02-30 over to March 1st; the round trip catches every such overflow.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute ||
    date.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  return epoch;
}

/** The message of a caught value, without assuming it is an Error. */
export function messageOf(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const message = ownValue(error, "message");
    if (typeof message === "string") return message;
  }
  return typeof error === "string" ? error : describeKind(error);
}

/** A string as is, anything else described by kind: safe for hostile values (no toString call). */
export function textOf(value: unknown): string {
  return typeof value === "string" ? value : describeKind(value);
}

/**
 * A non-empty string that is well-formed UTF-16 (no lone surrogates): what a store may persist
 * verbatim. Lone surrogates would be silently replaced by U+FFFD on the way to UTF-8 storage.
 */
export function isStorableText(value: unknown): value is string {
  return isNonEmptyString(value) && value.isWellFormed();
}
