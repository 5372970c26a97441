import { normalizeGovernedSignals } from "./normalize-governed-signals.js";

/**
 * Strips provenance and returns the plain signal values for policy evaluation: the function to
 * call before `executeFromSignals`. Plain values pass through unchanged, so plain, mixed and
 * fully governed maps with the same values give the same result (and the same fingerprint).
 * Same behaviour as {@link normalizeGovernedSignals}.
 *
 * @param input - signal name to governed signal or plain value
 * @returns signal name to plain value (a new object; the input is not mutated)
 * @throws ProvenanceError `PROV-001` when `input` is not a plain object or has symbol keys
 * @example
 * ```ts
 * const signals = extractSignalValues({
 *   monthly_income: withProvenance(82000, provenance),
 *   employed: withProvenance(true, provenance),
 * });
 * // { monthly_income: 82000, employed: true }
 * ```
 */
export function extractSignalValues(input: Record<string, unknown>): Record<string, unknown> {
  return normalizeGovernedSignals(input);
}
