import { codedInputError } from "../../errors/internal/coded-input-guard.js";
import { ProvenanceError } from "../../errors/parmana-error.js";
import { isPlainRecord } from "../../internal/type-checks.js";

/** True when `value` is a plain record without symbol-keyed properties. */
export function isStringKeyedRecord(value: unknown): value is Record<string, unknown> {
  return isPlainRecord(value) && Object.getOwnPropertySymbols(value).length === 0;
}

/**
 * Sets `record[key] = value` as an own enumerable data property. Assignment would run the
 * `__proto__` setter of Object.prototype for the key `"__proto__"` and change the prototype
 * instead of storing data; defineProperty always stores data.
 */
export function defineDataProperty(
  record: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * A shallow copy without members whose value is `undefined`, so that an optional member set to
 * `undefined` hashes like an absent one. Keys such as `__proto__` are copied as data.
 *
 * @param record - a plain object
 * @returns a new plain object
 * @throws ProvenanceError `PROV-002` when the record cannot be read
 */
export function withoutUndefinedMembers(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  try {
    for (const key of Object.keys(record)) {
      const member = record[key];
      if (member !== undefined) defineDataProperty(copy, key, member);
    }
  } catch (error) {
    throw codedInputError(error, ProvenanceError, "PROV-002", "withoutUndefinedMembers");
  }
  return copy;
}
