/**
 * True for a plain object: `{}` literals, `Object.create(null)` and plain objects from another
 * realm. Arrays, class instances, Maps and Dates are not plain.
 *
 * @param value - anything
 * @returns whether `value` is a plain object without symbol keys
 */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  // A Proxy whose traps throw is not a plain record: false lets callers refuse it with their own
  // coded error instead of leaking the trap's TypeError.
  try {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== null) {
      if (Object.prototype.toString.call(value) !== "[object Object]") return false;
      if (Object.getPrototypeOf(proto) !== null) return false;
    }
    return Object.getOwnPropertySymbols(value).length === 0;
  } catch {
    return false;
  }
}

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
