import { hasOwn } from "../../internal/type-checks.js";
import { findProvenanceProblem } from "../assert-signal-provenance.js";
import { isGovernedSignal } from "../is-governed-signal.js";
import type { SignalProvenance } from "../provenance.types.js";

/** What a signal-map entry carries in the way of provenance. */
export type SignalProvenanceReading =
  | { readonly kind: "plain" }
  | { readonly kind: "absent" }
  | { readonly kind: "present"; readonly provenance: SignalProvenance }
  | { readonly kind: "malformed"; readonly problem: string };

/**
 * Classifies one entry: a plain value, a governed signal without provenance (`provenance` missing
 * or `undefined`), one with a well-formed provenance record, or one whose provenance is malformed.
 */
export function readSignalProvenance(entry: unknown): SignalProvenanceReading {
  if (!isGovernedSignal(entry)) return { kind: "plain" };
  const provenance = hasOwn(entry, "provenance") ? entry.provenance : undefined;
  if (provenance === undefined) return { kind: "absent" };
  const problem = findProvenanceProblem(provenance);
  return problem === undefined ? { kind: "present", provenance } : { kind: "malformed", problem };
}
