import { ProvenanceError } from "../errors/parmana-error.js";
import type { GovernedSignal } from "./provenance.types.js";

/**
 * Wraps a raw signal value as a {@link GovernedSignal} without provenance, for code paths that
 * handle governed signals uniformly while a source has no provenance yet.
 *
 * @param value - the signal value
 * @returns `{ value }` with `provenance` absent
 * @throws ProvenanceError `PROV-006` when `value` is undefined
 * @example
 * ```ts
 * withoutProvenance(720); // { value: 720 }
 * ```
 */
export function withoutProvenance<T>(value: T): GovernedSignal<T> {
  if (value === undefined) {
    throw new ProvenanceError("PROV-006", "withoutProvenance: the signal value is undefined");
  }
  return { value };
}
