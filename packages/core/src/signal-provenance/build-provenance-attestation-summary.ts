import { hashSignalProvenance } from "./hash-signal-provenance.js";
import { summarizeSignalProvenance } from "./internal/summarize-signal-provenance.js";
import type { GovernedSignalMap, ProvenanceAttestationSummary } from "./provenance.types.js";

/**
 * Builds the deterministic provenance summary an attestation may carry. It is informational
 * lineage metadata: it never enters the execution fingerprint or the decision.
 *
 * `provenanceHash` is {@link hashSignalProvenance}; the counts and `minimumTrustLevel` are those
 * of `validateProvenance`'s `trustSummary` for the same map.
 *
 * @param signals - signal name to governed signal or plain value
 * @returns `{ provenanceHash, signalsWithProvenance, verifiedSignals, unverifiedSignals, minimumTrustLevel }`
 * @throws ProvenanceError `PROV-001` when `signals` is not a plain object; `PROV-002` when a
 *   provenance record is malformed
 * @throws CanonicalizationError `CANONICAL-` codes when a record is not plain JSON
 * @example
 * ```ts
 * const summary = buildProvenanceAttestationSummary(governedSignals);
 * // { provenanceHash: "sha256:...", signalsWithProvenance: 3, verifiedSignals: 3, ... }
 * ```
 */
export function buildProvenanceAttestationSummary(
  signals: GovernedSignalMap | Record<string, unknown>,
): ProvenanceAttestationSummary {
  const summary = summarizeSignalProvenance(signals, "buildProvenanceAttestationSummary");
  // Hashing rejects malformed records with PROV-002, so a summary never counts a broken record.
  const provenanceHash = hashSignalProvenance(signals);
  return {
    provenanceHash,
    signalsWithProvenance: summary.signalsWithProvenance,
    verifiedSignals: summary.verifiedSignals,
    unverifiedSignals: summary.unverifiedSignals,
    minimumTrustLevel: summary.minimumTrustLevel,
  };
}
