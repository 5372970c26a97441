import type { GovernedSignalMap } from "@parmanasystems/core";
import {
  evaluateSignalRequirements,
  parseProvenanceRequirements,
} from "../internal/provenance-requirements.js";
import { readSignal, sortedSignalNames } from "../internal/signal-map.js";
import type {
  AdmissibilityPolicy,
  AdmissibilityResult,
  SignalAdmissibilityResult,
} from "./admissibility.types.js";

/**
 * Evaluates, signal by signal, whether provenance meets the requirements to participate in
 * governed authorization. Same rules as `evaluateProvenancePolicy` (fail closed: malformed
 * provenance is inadmissible, and a signal without provenance fails every requirement about
 * provenance content), reported per signal. The map is admissible when every signal is.
 *
 * @param signals - signal name to governed signal or plain value
 * @param policy - the admissibility requirements
 * @returns `{ admissible, signalResults, violations }`
 * @throws ProvenanceError `PROV-001` when `signals` is not a plain object; `PROV-017` for a
 *   malformed policy; `PROV-003` for an unknown `minimumTrustLevel`
 * @example
 * ```ts
 * const result = evaluateAdmissibility(governedSignals, { minimumTrustLevel: "verified" });
 * result.signalResults.monthly_income.admissible; // true
 * ```
 */
export function evaluateAdmissibility(
  signals: GovernedSignalMap | Record<string, unknown>,
  policy: AdmissibilityPolicy,
): AdmissibilityResult {
  const parsed = parseProvenanceRequirements(policy, "evaluateAdmissibility");
  const names = sortedSignalNames(signals, "evaluateAdmissibility");
  const input = signals as Record<string, unknown>;
  const signalResults: Record<string, SignalAdmissibilityResult> = {};
  const violations: string[] = [];
  for (const name of names) {
    const outcome = evaluateSignalRequirements(
      readSignal(input, name, "evaluateAdmissibility"),
      parsed,
    );
    const result: SignalAdmissibilityResult = {
      admissible: outcome.reasons.length === 0,
      reasons: outcome.reasons,
      ...(outcome.provenance === undefined ? {} : { provenance: outcome.provenance }),
    };
    // defineProperty: a signal named "__proto__" is data, not a prototype change.
    Object.defineProperty(signalResults, name, {
      value: result,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    for (const reason of outcome.reasons)
      violations.push(`signal ${JSON.stringify(name)}: ${reason}`);
  }
  return { admissible: violations.length === 0, signalResults, violations };
}
