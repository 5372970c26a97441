/**
 * True for a plain object: a `{}` literal, `Object.create(null)`, or a plain object from another
 * realm (vm context, worker message). Arrays, class instances, Maps, Dates and boxed primitives
 * are not plain. Checked structurally, never with `instanceof`.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  // A Proxy whose traps throw (or a revoked Proxy) is not a plain record: answering false lets
  // every caller refuse it with its own coded error instead of leaking the trap's TypeError.
  try {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === null) return true;
    // this realm's object literals: the common case, decided without the toString call below
    if (proto === Object.prototype && !(Symbol.toStringTag in value)) return true;
    if (Object.prototype.toString.call(value) !== "[object Object]") return false;
    return Object.getPrototypeOf(proto) === null;
  } catch {
    return false;
  }
}

/** True for an array whose prototype is (some realm's) Array.prototype, not a subclass. */
export function isPlainArray(value: unknown): value is readonly unknown[] {
  if (!Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto !== null && Object.getPrototypeOf(Object.getPrototypeOf(proto)) === null;
}

/** Own property check that works for null-prototype objects and ignores inherited keys. */
export function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/**
 * A short, bounded description of a value for error messages: never echoes a huge string or a
 * whole object back to the caller.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value.length > 40
        ? `string ${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)`
        : `string ${JSON.stringify(value)}`;
    case "number":
      return `number ${Object.is(value, -0) ? "-0" : String(value)}`;
    case "boolean":
      return `boolean ${String(value)}`;
    case "undefined":
      return "undefined";
    case "bigint":
      return "bigint";
    case "symbol":
      return "symbol";
    case "function":
      return "function";
    case "object":
      if (value === null) return "null";
      if (Array.isArray(value)) return "array";
      if (isPlainObject(value)) return "object";
      try {
        return `${Object.prototype.toString.call(value).slice(8, -1)} instance`;
      } catch {
        return "unreadable object"; // a Proxy whose traps throw
      }
  }
}
