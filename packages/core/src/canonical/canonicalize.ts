import { CanonicalizationError } from "../errors/parmana-error.js";

/**
 * Serialises a JSON value in the RFC 8785 JSON Canonicalization Scheme (JCS): object members
 * sorted by the UTF-16 code units of their names, ECMAScript number formatting, JSON string
 * escaping, no whitespace. The output equals every other JCS implementation's byte for byte.
 *
 * Anything that is not plain JSON data is refused, never silently converted: strings are
 * neither Unicode-normalised nor have their line endings rewritten, and `toJSON` is never
 * called. Member names such as `__proto__` are ordinary data.
 *
 * @param value - plain JSON data: null, booleans, finite numbers, strings, arrays, plain objects
 * @returns the canonical JSON text
 * @throws CanonicalizationError `CANONICAL-001` non-finite number, `-002` bigint, `-003` Date,
 *   `-004` cycle, `-005` undefined, `-006` function or symbol, `-007` non-plain object or sparse
 *   array, `-008` lone surrogate
 * @see https://www.rfc-editor.org/rfc/rfc8785
 * @example
 * ```ts
 * canonicalize({ b: 1, a: [true, null, "x"] }); // '{"a":[true,null,"x"],"b":1}'
 * ```
 */
export function canonicalize(value: unknown): string {
  return serialize(value, [], "$");
}

function serialize(value: unknown, ancestors: object[], path: string): string {
  switch (typeof value) {
    case "string":
      return serializeString(value, path);
    case "number":
      return serializeNumber(value, path);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      return serializeObject(value, ancestors, path);
    case "bigint":
      throw fail("CANONICAL-002", "BigInt is not representable in JSON", path);
    case "undefined":
      throw fail("CANONICAL-005", "undefined is not representable in JSON", path);
    case "function":
      throw fail("CANONICAL-006", "a function is not representable in JSON", path);
    case "symbol":
      throw fail("CANONICAL-006", "a symbol is not representable in JSON", path);
  }
}

function serializeString(value: string, path: string): string {
  // RFC 8785 §3.2.2.2 requires I-JSON (RFC 7493 §2.1): no unpaired surrogates.
  if (!value.isWellFormed()) throw fail("CANONICAL-008", "string contains a lone surrogate", path);
  // JSON.stringify's QuoteJSONString escapes exactly what §3.2.2.2 asks: ", \, the short forms
  // \b \t \n \f \r, other controls as lowercase \u00xx, everything else emitted as is.
  return JSON.stringify(value);
}

function serializeNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) throw fail("CANONICAL-001", `${String(value)} is not a finite number`, path);
  // §3.2.2.3: the ECMAScript Number-to-String algorithm; -0 serialises as 0.
  return Object.is(value, -0) ? "0" : String(value);
}

function serializeObject(value: object, ancestors: object[], path: string): string {
  if (value instanceof Date) throw fail("CANONICAL-003", "Date is not plain JSON; pass an ISO-8601 string", path);
  if (ancestors.includes(value)) throw fail("CANONICAL-004", "cyclic structure", path);
  ancestors.push(value);
  try {
    return Array.isArray(value) ? serializeArray(value, ancestors, path) : serializeMembers(value, ancestors, path);
  } finally {
    ancestors.pop();
  }
}

function serializeArray(value: unknown[], ancestors: object[], path: string): string {
  if (!isPlainArray(value)) throw fail("CANONICAL-007", "array subclasses are not plain JSON", path);
  let out = "[";
  for (let index = 0; index < value.length; index++) {
    if (!(index in value)) throw fail("CANONICAL-007", "sparse array (hole) is not plain JSON", `${path}[${index}]`);
    if (index > 0) out += ",";
    out += serialize(value[index], ancestors, `${path}[${index}]`);
  }
  return out + "]";
}

function serializeMembers(value: object, ancestors: object[], path: string): string {
  if (!isPlainObject(value)) {
    throw fail("CANONICAL-007", `${describeKind(value)} is not a plain object`, path);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) {
    throw fail("CANONICAL-006", "symbol-keyed properties are not representable in JSON", path);
  }
  // Default sort compares UTF-16 code units, which is what §3.2.3 specifies.
  const keys = Object.keys(value).sort();
  const record = value as Record<string, unknown>;
  let out = "{";
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    const memberPath = `${path}.${key}`;
    if (index > 0) out += ",";
    out += serializeString(key, memberPath);
    out += ":";
    out += serialize(record[key], ancestors, memberPath);
  }
  return out + "}";
}

function isPlainArray(value: unknown[]): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Array.prototype || isForeignRealmPrototype(proto, "Array");
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || isForeignRealmPrototype(proto, "Object");
}

// Objects made in another realm (vm contexts, worker messages) have that realm's Object.prototype.
function isForeignRealmPrototype(proto: unknown, name: "Object" | "Array"): boolean {
  if (typeof proto !== "object" || proto === null) return false;
  const constructor = (proto as { constructor?: unknown }).constructor;
  if (typeof constructor !== "function" || constructor.name !== name) return false;
  return name === "Object" ? Object.getPrototypeOf(proto) === null : Object.getPrototypeOf(Object.getPrototypeOf(proto)) === null;
}

function describeKind(value: object): string {
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  const constructorName = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof constructorName === "string" && constructorName !== tag ? `${tag} (${constructorName})` : tag;
}

function fail(code: string, message: string, path: string): CanonicalizationError {
  return new CanonicalizationError(code, `${message} at ${path}`, { details: { path } });
}
