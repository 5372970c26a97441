import { isPlainRecord } from "../../internal/type-checks.js";

// Deeper than any attestation (decision and provenance are one level down); bounds the copy.
const MAX_DEPTH = 32;

/** The outcome of {@link snapshotRecord}: the copy, or why the input is not plain data. */
export type RecordSnapshot =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/**
 * Copies an untrusted value once, keeping only own enumerable data properties, so that every
 * later check reads the same bytes: a getter cannot answer differently after the verdict, a
 * Proxy is read exactly once, and a property hidden from enumeration cannot be format-checked
 * without being signed. Accessors, non-enumerable string-keyed properties and anything whose
 * reading throws are reported instead of copied. Symbol keys are ignored (JSON has none).
 *
 * @param value - anything
 * @returns the copy, or the first problem found
 */
export function snapshotRecord(value: unknown): RecordSnapshot {
  try {
    return { ok: true, value: copy(value, "", 0) };
  } catch (error) {
    if (error instanceof NotPlainData) return { ok: false, problem: error.message };
    return {
      ok: false,
      problem: `the attestation could not be read (${error instanceof Error ? error.name : typeof error} thrown)`,
    };
  }
}

class NotPlainData extends Error {}

function copy(value: unknown, path: string, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  const isArray = Array.isArray(value);
  // Class instances, Dates, Maps...: passed on as they are, for the format checks to refuse.
  if (!isArray && !isPlainRecord(value)) return value;
  if (depth >= MAX_DEPTH)
    throw new NotPlainData(`${path || "the attestation"} is nested too deeply`);
  // Each member is read once, through its descriptor (never through a getter). Symbol keys are
  // skipped: getOwnPropertyNames is Reflect.ownKeys without them (one ownKeys read of a Proxy
  // too), and V8 answers it from the object's layout, where ownKeys collects keys one by one.
  const names = Object.getOwnPropertyNames(value);
  // members[i] is the copy of names[i]'s value; names that vanished while read (a Proxy) are
  // marked and dropped below.
  const members: unknown[] = new Array(names.length);
  let vanished = false;
  for (let index = 0; index < names.length; index++) {
    const key = names[index] as string;
    if (isArray && key === "length") continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined) {
      vanished = true;
      members[index] = VANISHED;
      continue;
    }
    if (!("value" in descriptor))
      throw new NotPlainData(`${pathTo(path, key)} is an accessor, not data`);
    if (descriptor.enumerable !== true)
      throw new NotPlainData(`${pathTo(path, key)} is not enumerable`);
    members[index] = isNested(descriptor.value)
      ? copy(descriptor.value, pathTo(path, key), depth + 1)
      : descriptor.value;
  }
  if (isArray) {
    const out: unknown[] = [];
    for (let index = 0; index < names.length; index++) {
      const key = names[index] as string;
      if (key !== "length" && members[index] !== VANISHED) out[Number(key)] = members[index];
    }
    return out;
  }
  if (vanished) return fromScratch(...present(names, members));
  return names.length > FEW_MEMBERS && names.length <= MAX_LAYOUT_MEMBERS
    ? fromLayout(names, members)
    : fromScratch(names, members);
}

// Marks a member whose name was listed but whose descriptor was not there any more.
const VANISHED: unique symbol = Symbol("vanished");

function present(names: readonly string[], members: readonly unknown[]): [string[], unknown[]] {
  const keptNames: string[] = [];
  const kept: unknown[] = [];
  for (let index = 0; index < names.length; index++) {
    if (members[index] === VANISHED) continue;
    keptNames.push(names[index] as string);
    kept.push(members[index]);
  }
  return [keptNames, kept];
}

// An object that gains more than about a dozen members one by one under computed names is turned
// by V8 into a slow hash-table object, and every later check of an attestation (twenty-odd
// members) would read it that way. So a larger record is cloned from an empty template of its
// layout (its member names in order, made once and kept for the last few layouts seen), which
// keeps its fast form, and only its values are written. Layouts are kept for records of at most 64
// members (an attestation has 22), so a huge hostile record leaves nothing large behind.
const FEW_MEMBERS = 12;
const MAX_LAYOUT_MEMBERS = 64;
const LAYOUT_CACHE_SIZE = 4;
const layouts: { readonly keys: readonly string[]; readonly template: object }[] = [];

function fromScratch(
  keys: readonly string[],
  members: readonly unknown[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    // A name absent from the copy and its prototype chain is stored as data by assignment
    // (cheaper); others (__proto__, names of Object.prototype) through defineProperty.
    if (!(key in out)) out[key] = members[index];
    else defineMember(out, key, members[index]);
  }
  return out;
}

function fromLayout(keys: readonly string[], members: readonly unknown[]): Record<string, unknown> {
  // Every name is an own data member of the clone, so each assignment writes that member (even
  // for __proto__), and the clone has exactly these members, in this order.
  const out = { ...templateOf(keys) } as Record<string, unknown>;
  for (let index = 0; index < keys.length; index++) out[keys[index] as string] = members[index];
  return out;
}

function templateOf(keys: readonly string[]): object {
  for (const layout of layouts) {
    if (sameKeys(layout.keys, keys)) return layout.template;
  }
  const template: Record<string, unknown> = {};
  for (const key of keys) defineMember(template, key, undefined);
  if (layouts.length >= LAYOUT_CACHE_SIZE) layouts.pop();
  layouts.unshift({ keys: [...keys], template });
  return template;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function defineMember(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

// The member's path, for messages; built only for members that need it (objects, errors).
function pathTo(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function isNested(value: unknown): boolean {
  return typeof value === "object" && value !== null;
}
