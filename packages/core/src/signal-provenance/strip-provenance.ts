import { ProvenanceError } from "../errors/parmana-error.js";
import { isGovernedSignal } from "./is-governed-signal.js";
import type { GovernedSignal } from "./provenance.types.js";

/**
 * Returns the raw value of a governed signal, discarding its provenance. This is a
 * trust-reduction operation: use it only when you mean to drop the lineage.
 *
 * @param signal - a governed signal (see {@link isGovernedSignal} for the exact rule)
 * @returns `signal.value`
 * @throws ProvenanceError `PROV-005` when `signal` is not a governed signal
 * @example
 * ```ts
 * stripProvenance(withProvenance(82000, provenance)); // 82000
 * ```
 */
export function stripProvenance<T>(signal: GovernedSignal<T>): T {
  if (!isGovernedSignal(signal)) {
    throw new ProvenanceError(
      "PROV-005",
      "stripProvenance: expected a GovernedSignal (a plain object with an own value key and only value/provenance keys)",
    );
  }
  return signal.value;
}
