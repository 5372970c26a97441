import { codedBoundary, rawErrorName } from "../internal/coded-boundary.js";
import { ProvenanceError } from "../errors/parmana-error.js";
import { assertSignalProvenance } from "./assert-signal-provenance.js";
import type { GovernedSignal, SignalProvenance } from "./provenance.types.js";

/**
 * Wraps a raw signal value with its {@link SignalProvenance} record.
 *
 * The provenance is checked when the wrapper is made, so a malformed record fails at ingestion
 * rather than later at hashing or validation time. The value itself is not checked: policy
 * signal validation (`VAL-` codes) does that after {@link extractSignalValues}.
 *
 * @param value - the signal value policy evaluation will see
 * @param provenance - where the value came from
 * @returns `{ value, provenance }`, a new object (typed with `provenance` present)
 * @throws ProvenanceError `PROV-006` when `value` is undefined; `PROV-002` when `provenance`
 *   lacks `source`/`sourceType`/`sourceVerified` or has a malformed member
 * @throws CanonicalizationError `CANONICAL-` codes when `provenance` is not plain JSON
 * @example
 * ```ts
 * const income = withProvenance(82000, accountAggregatorProvenance({
 *   consentId: "consent-123", fiuId: "FIU-NBFC-001", fetchedAt: "2024-05-01T10:00:00.000Z",
 * }));
 * ```
 */
export function withProvenance<T>(
  value: T,
  provenance: SignalProvenance,
): GovernedSignal<T> & { provenance: SignalProvenance } {
  if (value === undefined) {
    throw new ProvenanceError("PROV-006", "withProvenance: the signal value is undefined");
  }
  codedBoundary(
    () => assertSignalProvenance(provenance, "withProvenance"),
    (raw) =>
      new ProvenanceError(
        "PROV-002",
        `withProvenance: the provenance could not be read (${rawErrorName(raw)} thrown)`,
        { cause: raw },
      ),
  );
  return { value, provenance };
}
