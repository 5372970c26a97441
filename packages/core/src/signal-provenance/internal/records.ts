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
