import type { Clock } from "@parmanasystems/core";
import { ProvenanceError } from "@parmanasystems/core";
import { describeKind, isPlainRecord, ownValue } from "../internal/lifecycle-guards.js";

/**
 * Reads a store's options object and its clock.
 *
 * @throws ProvenanceError `PROV-021` when options is not a plain object or the clock is not a function
 */
export function readStoreOptions(
  options: unknown,
  storeName: string,
): { record: Record<string, unknown>; clock?: Clock } {
  if (options === undefined) return { record: {} };
  if (!isPlainRecord(options))
    throw new ProvenanceError(
      "PROV-021",
      `${storeName}: options must be a plain object, got ${describeKind(options)}`,
    );
  const clock = ownValue(options, "clock");
  if (clock !== undefined && typeof clock !== "function") {
    throw new ProvenanceError(
      "PROV-021",
      `${storeName}: options.clock must be a function returning a Date or epoch milliseconds`,
    );
  }
  return clock === undefined ? { record: options } : { record: options, clock: clock as Clock };
}

/**
 * Checks that a client has the methods a store calls.
 *
 * @throws ProvenanceError `PROV-021` otherwise
 */
export function requireClientMethods(
  client: unknown,
  methods: readonly string[],
  storeName: string,
  what: string,
): void {
  let usable: boolean;
  try {
    usable =
      typeof client === "object" &&
      client !== null &&
      methods.every((method) => typeof (client as Record<string, unknown>)[method] === "function");
  } catch {
    usable = false; // a Proxy or getter that throws is not a usable client
  }
  if (!usable) {
    throw new ProvenanceError(
      "PROV-021",
      `${storeName}: ${what} must have ${methods.map((method) => `${method}()`).join(" and ")}`,
    );
  }
}

const TABLE_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,45}$/;

/**
 * A table name that is safe to splice into SQL: a lowercase identifier of at most 46 characters
 * (so derived index names stay under Postgres's 63-character limit).
 *
 * @throws ProvenanceError `PROV-021` otherwise
 */
export function requireTableName(name: unknown, fallback: string, storeName: string): string {
  if (name === undefined) return fallback;
  if (typeof name !== "string" || !TABLE_NAME_PATTERN.test(name)) {
    throw new ProvenanceError(
      "PROV-021",
      `${storeName}: tableName must match ${String(TABLE_NAME_PATTERN)}`,
    );
  }
  return name;
}
