import { hasOwn, isPlainRecord } from "../internal/type-checks.js";
import type { GovernedSignal } from "./provenance.types.js";

/**
 * Tells whether a signal-map entry is a {@link GovernedSignal} wrapper rather than a plain value.
 *
 * The rule is structural and exact: the entry is a plain object (object literal,
 * `Object.create(null)` or a plain object from another realm; not an array, not a class
 * instance), it has an own `value` property, and every own property is `value` or `provenance`
 * (no symbol keys). `{ value: 5 }` and `{ value: 5, provenance: {...} }` are governed signals;
 * `{ value: 5, unit: "INR" }`, `{ provenance: {...} }` and `82000` are plain values that
 * {@link extractSignalValues} passes through unchanged. The content of `provenance` is not
 * checked here (see `assertSignalProvenance`).
 *
 * @param entry - one entry of a signal map
 * @returns true when `entry` is a governed signal
 * @example
 * ```ts
 * isGovernedSignal(withProvenance(82000, provenance)); // true
 * isGovernedSignal(82000);                             // false
 * ```
 */
export function isGovernedSignal(entry: unknown): entry is GovernedSignal {
  if (!isPlainRecord(entry)) return false;
  if (Object.getOwnPropertySymbols(entry).length > 0) return false;
  if (!hasOwn(entry, "value")) return false;
  const keys = Object.getOwnPropertyNames(entry);
  return keys.every((key) => key === "value" || key === "provenance");
}
