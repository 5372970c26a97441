import type { ParmanaErrorCodeOf } from "../errors/parmana-error.js";
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
 *   array, `-008` lone surrogate, `-010` nested deeper than {@link MAX_CANONICAL_DEPTH} levels,
 *   `-011` a getter or Proxy trap threw while the value was read
 * @see https://www.rfc-editor.org/rfc/rfc8785
 * @example
 * ```ts
 * canonicalize({ b: 1, a: [true, null, "x"] }); // '{"a":[true,null,"x"],"b":1}'
 * ```
 */
export function canonicalize(value: unknown): string {
  const walk: Walk = { ancestors: [], path: [] };
  try {
    return serialize(value, walk);
  } catch (error) {
    if (error instanceof CanonicalizationError) throw error;
    // Only foreign code can throw here: a getter, a Proxy trap, a hostile prototype.
    throw fail(
      "CANONICAL-011",
      `reading the value threw ${error instanceof Error ? error.name : typeof error}`,
      walk,
      error,
    );
  }
}

/**
 * Deepest nesting of arrays and objects `canonicalize` accepts (the root is level 1). Deeper
 * input is refused with `CANONICAL-010` rather than exhausting the call stack; no Parmana
 * document comes near it.
 */
export const MAX_CANONICAL_DEPTH = 256;

/**
 * Walk state. The JSON path of the current value is kept as segments and only turned into text
 * when an error is thrown, so valid input pays no string building for it.
 */
interface Walk {
  /** Objects and arrays currently being serialised, for cycle detection. */
  readonly ancestors: object[];
  /** Member names and array indexes from the root to the current value. */
  readonly path: Array<string | number>;
}

function serialize(value: unknown, walk: Walk): string {
  switch (typeof value) {
    case "string":
      return serializeString(value, walk);
    case "number":
      return serializeNumber(value, walk);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      return serializeObject(value, walk);
    case "bigint":
      throw fail("CANONICAL-002", "BigInt is not representable in JSON", walk);
    case "undefined":
      throw fail("CANONICAL-005", "undefined is not representable in JSON", walk);
    case "function":
      throw fail("CANONICAL-006", "a function is not representable in JSON", walk);
    case "symbol":
      throw fail("CANONICAL-006", "a symbol is not representable in JSON", walk);
  }
}

// Member names repeat from one call to the next (signal names, attestation fields): the JSON text
// of each, with its colon, and with the comma or brace before it, is remembered, within bounds
// (count and length) so that hostile inputs cannot grow it. An object is then laid out as two
// strings per member, which is also what encoding or hashing the text later pays for.
const MEMBER_NAME_CACHE_LIMIT = 4096;
const MEMBER_NAME_MAX_LENGTH = 256;

/** The texts that open a member: `{"name":` for the first member of an object, `,"name":` after. */
interface MemberOpening {
  readonly first: string;
  readonly next: string;
}
const memberOpenings = new Map<string, MemberOpening>();

function memberOpening(key: string, walk: Walk): MemberOpening {
  const known = memberOpenings.get(key);
  if (known !== undefined) return known;
  const name = serializeString(key, walk);
  const opening: MemberOpening = { first: `{${name}:`, next: `,${name}:` };
  if (key.length <= MEMBER_NAME_MAX_LENGTH && memberOpenings.size < MEMBER_NAME_CACHE_LIMIT)
    memberOpenings.set(key, opening);
  return opening;
}

// The member names of the last object laid out and their sorted order: objects of one shape
// (a policy's signals, say) come one after another, and sorting is most of an object's cost. The
// order is reused only for exactly the same names in the same order; neither array is changed
// once kept, so a getter that canonicalizes something else meanwhile cannot disturb a caller.
let lastNames: readonly string[] = [];
let lastSortedNames: readonly string[] = [];

function sortedNames(names: string[]): readonly string[] {
  if (names.length === lastNames.length) {
    let same = true;
    for (let index = 0; index < names.length; index++) {
      if (names[index] !== lastNames[index]) {
        same = false;
        break;
      }
    }
    if (same) return lastSortedNames;
  }
  // Default sort compares UTF-16 code units, which is what §3.2.3 specifies.
  const sorted = names.slice().sort();
  if (names.length <= MAX_REMEMBERED_NAMES) {
    lastNames = names;
    lastSortedNames = sorted;
  }
  return sorted;
}

// An object with more members than this is sorted each time, so a huge one is not kept.
const MAX_REMEMBERED_NAMES = 256;

function serializeString(value: string, walk: Walk): string {
  // RFC 8785 §3.2.2.2 requires I-JSON (RFC 7493 §2.1): no unpaired surrogates.
  if (!value.isWellFormed()) throw fail("CANONICAL-008", "string contains a lone surrogate", walk);
  // JSON.stringify's QuoteJSONString escapes exactly what §3.2.2.2 asks: ", \, the short forms
  // \b \t \n \f \r, other controls as lowercase \u00xx, everything else emitted as is.
  return JSON.stringify(value);
}

function serializeNumber(value: number, walk: Walk): string {
  if (!Number.isFinite(value))
    throw fail("CANONICAL-001", `${String(value)} is not a finite number`, walk);
  // §3.2.2.3: the ECMAScript Number-to-String algorithm; -0 serialises as 0.
  return Object.is(value, -0) ? "0" : String(value);
}

function serializeObject(value: object, walk: Walk): string {
  const { ancestors } = walk;
  if (ancestors.length >= MAX_CANONICAL_DEPTH)
    throw fail(
      "CANONICAL-010",
      `nested deeper than ${MAX_CANONICAL_DEPTH} levels of arrays and objects`,
      walk,
    );
  if (ancestors.includes(value)) throw fail("CANONICAL-004", "cyclic structure", walk);
  ancestors.push(value);
  try {
    return Array.isArray(value) ? serializeArray(value, walk) : serializeMembers(value, walk);
  } finally {
    ancestors.pop();
  }
}

function serializeArray(value: unknown[], walk: Walk): string {
  if (!isPlainArray(value))
    throw fail("CANONICAL-007", "array subclasses are not plain JSON", walk);
  const { path } = walk;
  let out = "[";
  for (let index = 0; index < value.length; index++) {
    path.push(index);
    if (!(index in value))
      throw fail("CANONICAL-007", "sparse array (hole) is not plain JSON", walk);
    if (index > 0) out += ",";
    out += serialize(value[index], walk);
    path.pop();
  }
  return out + "]";
}

function serializeMembers(value: object, walk: Walk): string {
  if (!isPlainObject(value)) {
    // Dates are told apart by their internal slot, so a Date from another realm gets -003 too.
    if (isDate(value))
      throw fail("CANONICAL-003", "Date is not plain JSON; pass an ISO-8601 string", walk);
    throw fail("CANONICAL-007", `${describeKind(value)} is not a plain object`, walk);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) {
    throw fail("CANONICAL-006", "symbol-keyed properties are not representable in JSON", walk);
  }
  const keys = sortedNames(Object.keys(value));
  if (keys.length === 0) return "{}";
  const record = value as Record<string, unknown>;
  const { path } = walk;
  let out = "";
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    path.push(key);
    const opening = memberOpening(key, walk);
    out += index === 0 ? opening.first : opening.next;
    out += serialize(record[key], walk);
    path.pop();
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
  return name === "Object"
    ? Object.getPrototypeOf(proto) === null
    : Object.getPrototypeOf(Object.getPrototypeOf(proto)) === null;
}

// getTime throws unless its receiver has a [[DateValue]] slot, whatever realm made it.
function isDate(value: object): boolean {
  try {
    Date.prototype.getTime.call(value);
    return true;
  } catch {
    return false;
  }
}

function describeKind(value: object): string {
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  const constructorName = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof constructorName === "string" && constructorName !== tag
    ? `${tag} (${constructorName})`
    : tag;
}

function fail(
  code: ParmanaErrorCodeOf<"CANONICAL">,
  message: string,
  walk: Walk,
  cause?: unknown,
): CanonicalizationError {
  let path = "$";
  for (const segment of walk.path)
    path += typeof segment === "number" ? `[${segment}]` : `.${segment}`;
  return new CanonicalizationError(code, `${message} at ${path}`, {
    details: { path },
    ...(cause === undefined ? {} : { cause }),
  });
}
