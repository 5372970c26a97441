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
  const out: Record<string, unknown> | unknown[] = isArray ? [] : {};
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === "symbol") continue;
    if (isArray && key === "length") continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined) continue;
    if (!("value" in descriptor))
      throw new NotPlainData(`${pathTo(path, key)} is an accessor, not data`);
    if (descriptor.enumerable !== true)
      throw new NotPlainData(`${pathTo(path, key)} is not enumerable`);
    const member = isNested(descriptor.value)
      ? copy(descriptor.value, pathTo(path, key), depth + 1)
      : descriptor.value;
    if (isArray) (out as unknown[])[Number(key)] = member;
    // A name absent from the copy and its prototype chain is stored as data by assignment
    // (cheaper); others (__proto__, names of Object.prototype) through defineProperty.
    else if (!(key in out)) (out as Record<string, unknown>)[key] = member;
    else
      Object.defineProperty(out, key, {
        value: member,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

// The member's path, for messages; built only for members that need it (objects, errors).
function pathTo(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function isNested(value: unknown): boolean {
  return typeof value === "object" && value !== null;
}
