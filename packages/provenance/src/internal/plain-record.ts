// A plain object without symbol keys (the shape of a JSON object read from untrusted input): core's
// check, shared by every package.
export { isStringKeyedRecord } from "@parmanasystems/core/internal";

/**
 * Reads an own member; inherited members (including `__proto__`'s accessor) read as undefined.
 *
 * @param record - a plain object
 * @param key - the member name
 * @returns the own member's value or undefined
 */
export function ownMember(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * A shallow copy without members whose value is undefined, so optional members set to
 * undefined hash like absent ones. Keys such as `__proto__` are copied as data.
 *
 * @param record - a plain object
 * @returns a new plain object
 */
export function withoutUndefinedMembers(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (member !== undefined)
      Object.defineProperty(copy, key, {
        value: member,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return copy;
}
