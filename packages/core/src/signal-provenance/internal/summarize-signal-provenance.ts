import { effectiveTrustLevel } from "../effective-trust-level.js";
import type { ProvenanceTrustLevel, SignalProvenance } from "../provenance.types.js";
import { lowestTrustLevel } from "../trust-level-order.js";
import { readSignalProvenance } from "./read-signal-provenance.js";
import { signalMapKeys } from "./signal-map-keys.js";
import { codedInputError } from "../../errors/internal/coded-input-guard.js";
import { ProvenanceError } from "../../errors/parmana-error.js";

/** One signal's provenance facts, as counted by the trust summary. */
export interface SignalProvenanceFacts {
  readonly signal: string;
  readonly kind: "plain" | "absent" | "present" | "malformed";
  readonly provenance?: SignalProvenance;
  readonly problem?: string;
  /** Effective trust (malformed records count as `"unverified"`); absent without provenance. */
  readonly trustLevel?: ProvenanceTrustLevel;
  /** True when a declared `trustLevel` was capped because `sourceVerified` is false. */
  readonly trustCapped: boolean;
}

/** Counts shared by `validateProvenance` and `buildProvenanceAttestationSummary`. */
export interface SignalProvenanceSummary {
  readonly signals: readonly SignalProvenanceFacts[];
  readonly totalSignals: number;
  readonly signalsWithProvenance: number;
  readonly verifiedSignals: number;
  readonly unverifiedSignals: number;
  readonly signalsMissingEvidenceHash: number;
  readonly signalsMissingTimestamp: number;
  readonly minimumTrustLevel: ProvenanceTrustLevel | null;
}

/**
 * Walks a signal map in sorted key order (so messages and counts never depend on insertion
 * order) and gathers the trust facts. A signal "with provenance" is a governed signal whose
 * `provenance` is present (well formed or not); it is "verified" when its record is well formed
 * and `sourceVerified` is true, else "unverified".
 */
export function summarizeSignalProvenance(
  signals: unknown,
  functionName: string,
): SignalProvenanceSummary {
  try {
    const keys = signalMapKeys(signals, functionName).sort();
    const input = signals as Record<string, unknown>;
    const facts: SignalProvenanceFacts[] = [];
    let withProvenance = 0;
    let verified = 0;
    let missingEvidence = 0;
    let missingTimestamp = 0;
    const levels: ProvenanceTrustLevel[] = [];
    for (const signal of keys) {
      const reading = readSignalProvenance(input[signal]);
      if (reading.kind === "plain" || reading.kind === "absent") {
        facts.push({ signal, kind: reading.kind, trustCapped: false });
        continue;
      }
      withProvenance++;
      if (reading.kind === "malformed") {
        levels.push("unverified");
        missingEvidence++;
        missingTimestamp++;
        facts.push({
          signal,
          kind: "malformed",
          problem: reading.problem,
          trustLevel: "unverified",
          trustCapped: false,
        });
        continue;
      }
      const provenance = reading.provenance;
      const trustLevel = effectiveTrustLevel(provenance);
      levels.push(trustLevel);
      if (provenance.sourceVerified === true) verified++;
      if (provenance.evidenceHash === undefined) missingEvidence++;
      if (provenance.sourceTimestamp === undefined) missingTimestamp++;
      facts.push({
        signal,
        kind: "present",
        provenance,
        trustLevel,
        trustCapped: provenance.trustLevel !== undefined && trustLevel !== provenance.trustLevel,
      });
    }
    return {
      signals: facts,
      totalSignals: keys.length,
      signalsWithProvenance: withProvenance,
      verifiedSignals: verified,
      unverifiedSignals: withProvenance - verified,
      signalsMissingEvidenceHash: missingEvidence,
      signalsMissingTimestamp: missingTimestamp,
      minimumTrustLevel: lowestTrustLevel(levels),
    };
  } catch (error) {
    throw codedInputError(error, ProvenanceError, "PROV-001", functionName);
  }
}
