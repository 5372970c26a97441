/**
 * True for a plain object: `{}` literals, `Object.create(null)` and plain objects from another
 * realm (their prototype's prototype is null). Arrays, class instances, Maps, Dates and boxed
 * primitives are not plain. Checked structurally, never with `instanceof`, so objects from a vm
 * context or a worker message still count.
 */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  // A Proxy whose traps throw (or a revoked Proxy) is not a plain record: answering false lets
  // every caller refuse it with its own coded error instead of leaking the trap's TypeError.
  try {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === null) return true;
    if (Object.prototype.toString.call(value) !== "[object Object]") return false;
    return Object.getPrototypeOf(proto) === null;
  } catch {
    return false;
  }
}

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
  // A name found neither on the record nor on its prototype chain (no setter, no __proto__) is
  // stored as data by plain assignment, which is several times cheaper than defineProperty.
  if (!(key in record)) {
    record[key] = value;
    return;
  }
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Own property check that works for null-prototype objects and ignores inherited keys. */
export function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}
