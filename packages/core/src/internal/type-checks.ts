// Platform-neutral (no node: import): the portable verifier bundles these from source. One copy of
// each check for all of core, so every folder agrees on what "a record" or "thenable" means.

/**
 * True for any non-null object that is not an array: the shape test before reading members of
 * untrusted JSON, where the prototype does not matter.
 */
export function isObjectRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * True for a plain object: a `{}` literal, `Object.create(null)`, or a plain object from another
 * realm (vm context, worker message). Arrays, class instances, Maps, Dates and boxed primitives
 * are not plain. Checked structurally, never with `instanceof`.
 */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  // A Proxy whose traps throw (or a revoked Proxy) is not a plain record: answering false lets
  // every caller refuse it with its own coded error instead of leaking the trap's TypeError.
  try {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === null) return true;
    // No shortcut for this realm's literals: the toString call reads Symbol.toStringTag, which is
    // what makes a Proxy with a throwing get trap answer false here rather than throw later.
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

/** True for anything with a callable `then` (a Promise or another Promises/A+ thenable). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/** The message of a thrown value, which need not be an `Error`. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A short, bounded description of a value with its type (`string "x"`, `number -0`, `array`) for
 * error messages: never echoes a huge string or a whole object back to the caller.
 */
export function describeValue(value: unknown): string {
  return describeTypedValue(value, true);
}

/**
 * {@link describeValue} for a value that may be a secret (a connection URL with a password, a
 * token): a string is described as `empty string` or `string (content not shown)`, never quoted
 * and never by its length; every other type reads as in `describeValue`.
 */
export function describeValueRedacted(value: unknown): string {
  return describeTypedValue(value, false);
}

function describeTypedValue(value: unknown, showStrings: boolean): string {
  switch (typeof value) {
    case "string":
      if (!showStrings) return value.length === 0 ? "empty string" : "string (content not shown)";
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
      if (isPlainRecord(value)) return "object";
      try {
        return `${Object.prototype.toString.call(value).slice(8, -1)} instance`;
      } catch {
        return "unreadable object"; // a Proxy whose traps throw
      }
  }
}

/**
 * A value's kind for error messages, never its content: `null`, `an array`, `an object` (plain),
 * `a non-plain object` (a class instance), `a Map`, `string`.
 */
export function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    let tag: string;
    try {
      tag = Object.prototype.toString.call(value).slice(8, -1);
    } catch {
      return "an unreadable object"; // a Proxy whose traps throw
    }
    if (tag !== "Object") return `a ${tag}`;
    return isPlainRecord(value) ? "an object" : "a non-plain object";
  }
  return typeof value;
}

/**
 * Short, safe description of an untrusted value for a verification report: strings quoted (cut at
 * 80 characters), numbers and booleans as written, anything else by kind.
 */
export function describeUntrusted(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return value.length > 80
        ? `${JSON.stringify(value.slice(0, 80))}… (${value.length} characters)`
        : JSON.stringify(value);
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    default:
      // A forgotten `await` on executeFromSignals is the usual way a Promise gets here.
      if (isThenable(value)) return "a Promise (did you forget `await`?)";
      return typeof value;
  }
}
