import {
  ProvenanceError,
  compareTrustLevels,
  effectiveTrustLevel,
  findProvenanceProblem,
  isGovernedSignal,
  isProvenanceTrustLevel,
} from "@parmanasystems/core";
import type { ProvenanceTrustLevel, SignalProvenance } from "@parmanasystems/core";
import { isStringKeyedRecord, ownMember } from "./plain-record.js";

/** The requirement set shared by `evaluateProvenancePolicy` and `evaluateAdmissibility`. */
export interface ProvenanceRequirementSet {
  requireProvenance: boolean;
  minimumTrustLevel: ProvenanceTrustLevel | undefined;
  allowedSources: readonly string[] | undefined;
  requireEvidenceHash: boolean;
  requireSourceTimestamp: boolean;
  requireVerifiedSources: boolean;
}

/** How one signal fares against a requirement set. */
export interface SignalRequirementOutcome {
  /** Requirement failures (empty when admissible). */
  reasons: string[];
  /** Informational findings. */
  warnings: string[];
  /** The signal's well-formed provenance, when it has one. */
  provenance?: SignalProvenance;
}

const FLAGS = [
  "requireProvenance",
  "requireEvidenceHash",
  "requireSourceTimestamp",
  "requireVerifiedSources",
] as const;

/**
 * Parses untrusted requirements.
 *
 * @throws ProvenanceError `PROV-017` for a malformed member; `PROV-003` for an unknown trust level
 */
export function parseProvenanceRequirements(
  requirements: unknown,
  functionName: string,
): ProvenanceRequirementSet {
  if (requirements === undefined) requirements = {};
  if (!isStringKeyedRecord(requirements))
    throw invalid(functionName, "requirements must be a plain object");
  const flags: Record<string, boolean> = {};
  for (const flag of FLAGS) {
    const value = ownMember(requirements, flag);
    if (value !== undefined && typeof value !== "boolean")
      throw invalid(functionName, `${flag} must be a boolean`);
    flags[flag] = value === true;
  }
  const minimumTrustLevel = ownMember(requirements, "minimumTrustLevel");
  if (minimumTrustLevel !== undefined && !isProvenanceTrustLevel(minimumTrustLevel)) {
    throw new ProvenanceError(
      "PROV-003",
      `${functionName}: minimumTrustLevel is not a trust level`,
      {
        details: { option: "minimumTrustLevel" },
      },
    );
  }
  const allowedSources = ownMember(requirements, "allowedSources");
  if (
    allowedSources !== undefined &&
    !(Array.isArray(allowedSources) && allowedSources.every((s) => typeof s === "string"))
  ) {
    throw invalid(functionName, "allowedSources must be an array of strings");
  }
  return {
    requireProvenance: flags["requireProvenance"] === true,
    minimumTrustLevel,
    allowedSources: allowedSources === undefined ? undefined : [...(allowedSources as string[])],
    requireEvidenceHash: flags["requireEvidenceHash"] === true,
    requireSourceTimestamp: flags["requireSourceTimestamp"] === true,
    requireVerifiedSources: flags["requireVerifiedSources"] === true,
  };
}

/**
 * Evaluates one signal-map entry. Fail closed: a malformed provenance record is always a
 * failure, and a signal without provenance fails every requirement about provenance content
 * (minimum trust above `unverified`, allowed sources, evidence hash, timestamp, verified source).
 */
export function evaluateSignalRequirements(
  entry: unknown,
  requirements: ProvenanceRequirementSet,
): SignalRequirementOutcome {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const provenance = isGovernedSignal(entry)
    ? ownMember(entry as unknown as Record<string, unknown>, "provenance")
    : undefined;

  if (provenance === undefined) {
    if (requirements.requireProvenance) reasons.push("provenance is required but missing");
    if (
      requirements.minimumTrustLevel !== undefined &&
      compareTrustLevels("unverified", requirements.minimumTrustLevel) < 0
    ) {
      reasons.push(
        `no provenance, so trust level "unverified" is below the minimum "${requirements.minimumTrustLevel}"`,
      );
    }
    if (requirements.allowedSources !== undefined)
      reasons.push("no provenance, so its source is not one of the allowed sources");
    if (requirements.requireEvidenceHash) reasons.push("no provenance, so no evidenceHash");
    if (requirements.requireSourceTimestamp) reasons.push("no provenance, so no sourceTimestamp");
    if (requirements.requireVerifiedSources)
      reasons.push("no provenance, so the source is not verified");
    return { reasons, warnings };
  }

  const problem = findProvenanceProblem(provenance);
  if (problem !== undefined) return { reasons: [`malformed provenance: ${problem}`], warnings };
  const record = provenance as SignalProvenance;
  const trustLevel = effectiveTrustLevel(record);
  if (
    requirements.minimumTrustLevel !== undefined &&
    compareTrustLevels(trustLevel, requirements.minimumTrustLevel) < 0
  ) {
    reasons.push(
      `trust level "${trustLevel}" is below the minimum "${requirements.minimumTrustLevel}"`,
    );
  }
  if (
    requirements.allowedSources !== undefined &&
    !requirements.allowedSources.includes(record.source)
  ) {
    reasons.push(`source ${JSON.stringify(record.source)} is not one of the allowed sources`);
  }
  if (record.evidenceHash === undefined) {
    if (requirements.requireEvidenceHash) reasons.push("evidenceHash is required but missing");
    else warnings.push("provenance has no evidenceHash");
  }
  if (record.sourceTimestamp === undefined) {
    if (requirements.requireSourceTimestamp)
      reasons.push("sourceTimestamp is required but missing");
    else warnings.push("provenance has no sourceTimestamp");
  }
  if (requirements.requireVerifiedSources && record.sourceVerified !== true)
    reasons.push("source is not verified (sourceVerified is false)");
  if (record.trustLevel !== undefined && record.trustLevel !== trustLevel) {
    warnings.push(
      `declared trust level "${record.trustLevel}" treated as "${trustLevel}" because sourceVerified is false`,
    );
  }
  return { reasons, warnings, provenance: record };
}

function invalid(functionName: string, problem: string): ProvenanceError {
  return new ProvenanceError("PROV-017", `${functionName}: ${problem}`, { details: { problem } });
}
