import type { GovernedSignalMap } from "@parmanasystems/core";
import {
  evaluateSignalRequirements,
  parseProvenanceRequirements,
} from "../internal/provenance-requirements.js";
import { readSignal, sortedSignalNames } from "../internal/signal-map.js";
import type {
  ProvenancePolicyRequirements,
  ProvenancePolicyResult,
} from "./provenance-policy.types.js";

/**
 * Evaluates explicit provenance rules over a signal map. Deterministic and local; signals are
 * examined in sorted name order.
 *
 * Fail closed: a malformed provenance record is always a violation, and a signal without
 * provenance (a plain value or `withoutProvenance`) violates every requirement about provenance
 * content: a `minimumTrustLevel` above `"unverified"`, `allowedSources`, `requireEvidenceHash`,
 * `requireSourceTimestamp` and `requireVerifiedSources`. Trust is the effective trust of
 * `effectiveTrustLevel` (a missing `trustLevel` is `"unverified"`; an unverified source claiming
 * `"verified"` counts as `"claimed"`). Missing timestamps or evidence hashes that are not required
 * are warnings.
 *
 * @param signals - signal name to governed signal or plain value
 * @param requirements - the rules
 * @returns `{ allowed, violations, warnings }`
 * @throws ProvenanceError `PROV-001` when `signals` is not a plain object; `PROV-017` for malformed
 *   requirements; `PROV-003` for an unknown `minimumTrustLevel`
 * @example
 * ```ts
 * const result = evaluateProvenancePolicy(governedSignals, {
 *   requireProvenance: true, minimumTrustLevel: "verified", requireEvidenceHash: true,
 * });
 * if (!result.allowed) throw new Error(result.violations.join("; "));
 * ```
 */
export function evaluateProvenancePolicy(
  signals: GovernedSignalMap | Record<string, unknown>,
  requirements: ProvenancePolicyRequirements,
): ProvenancePolicyResult {
  const parsed = parseProvenanceRequirements(requirements, "evaluateProvenancePolicy");
  const names = sortedSignalNames(signals, "evaluateProvenancePolicy");
  const input = signals as Record<string, unknown>;
  const violations: string[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    const outcome = evaluateSignalRequirements(
      readSignal(input, name, "evaluateProvenancePolicy"),
      parsed,
    );
    const label = `signal ${JSON.stringify(name)}`;
    for (const reason of outcome.reasons) violations.push(`${label}: ${reason}`);
    for (const warning of outcome.warnings) warnings.push(`${label}: ${warning}`);
  }
  return { allowed: violations.length === 0, violations, warnings };
}
