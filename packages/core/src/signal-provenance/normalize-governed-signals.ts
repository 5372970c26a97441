import { checkSignalMap } from "./internal/signal-map-keys.js";
import { isGovernedSignal } from "./is-governed-signal.js";
import type { GovernedSignalMap } from "./provenance.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { ProvenanceError } from "../errors/parmana-error.js";

/**
 * The determinism boundary: turns a map of governed signals, plain values, or a mix of both into
 * the plain values policy evaluation sees. Provenance never crosses this line.
 *
 * Each entry that is a governed signal ({@link isGovernedSignal}) becomes its `value`; every other
 * entry (numbers, strings, booleans, `{ provenance }` without `value`, objects with other keys)
 * passes through unchanged. The input is never mutated; the result is a new plain object with the
 * same keys in the same order. Keys such as `__proto__` are copied as data, never as prototype
 * changes. Values are not copied (signal values are JSON primitives).
 *
 * @param signals - signal name to governed signal or plain value
 * @returns signal name to plain value
 * @throws ProvenanceError `PROV-001` when `signals` is not a plain object or has symbol keys
 * @example
 * ```ts
 * normalizeGovernedSignals({ income: withProvenance(82000, p), score: 720 });
 * // { income: 82000, score: 720 }
 * ```
 */
export function normalizeGovernedSignals(
  signals: GovernedSignalMap | Record<string, unknown>,
): Record<string, unknown> {
  return unwrapGovernedSignals(signals).values;
}

/**
 * {@link normalizeGovernedSignals}, also telling whether any entry was a governed signal (when
 * none was, no entry carries provenance).
 *
 * @param signals - signal name to governed signal or plain value
 * @returns the plain values and whether a governed signal was unwrapped
 * @throws ProvenanceError `PROV-001` as normalizeGovernedSignals
 * @internal
 */
export function unwrapGovernedSignals(signals: GovernedSignalMap | Record<string, unknown>): {
  values: Record<string, unknown>;
  governed: boolean;
} {
  try {
    checkSignalMap(signals, "normalizeGovernedSignals");
    // Spread defines each own enumerable member as data (never through a setter, so `__proto__`
    // is copied as a member), reading each value once, in enumeration order; V8 copies a plain
    // object's layout with it, where defining members one by one costs several times more.
    const values: Record<string, unknown> = { ...signals };
    // The copy's own names: exactly the members it holds, however the input answered.
    const keys = Object.keys(values);
    let governed = false;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as string;
      const entry = values[key];
      // An own data member of the copy: assigning to it never reaches a setter.
      if (isGovernedSignal(entry)) {
        values[key] = entry.value;
        governed = true;
      }
    }
    return { values, governed };
  } catch (error) {
    throw codedInputError(error, ProvenanceError, "PROV-001", "normalizeGovernedSignals");
  }
}
