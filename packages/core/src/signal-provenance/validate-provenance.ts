import { ProvenanceError } from "../errors/parmana-error.js";
import { hasOwn } from "../internal/type-checks.js";
import { isStringKeyedRecord } from "./internal/records.js";
import { summarizeSignalProvenance } from "./internal/summarize-signal-provenance.js";
import type {
  GovernedSignalMap,
  ProvenanceTrustLevel,
  SignalProvenanceValidationOptions,
  ProvenanceValidationResult,
} from "./provenance.types.js";
import { isProvenanceTrustLevel, trustRank } from "./trust-level-order.js";

/**
 * Evaluates the provenance of a signal map against admissibility options. Local and
 * deterministic: it fetches nothing, resolves no PKI chain and says nothing about whether a value
 * is true. Signals are examined in sorted name order, so `errors` and `warnings` never depend on
 * insertion order.
 *
 * Errors (they make `valid` false):
 * - a governed signal whose `provenance` is malformed (see `assertSignalProvenance`);
 * - `requireProvenance: true` and a signal without provenance (plain value or `withoutProvenance`);
 * - `minimumTrustLevel` and a signal whose effective trust ({@link effectiveTrustLevel}) is lower;
 *   a signal without provenance counts as `"unverified"`, so any minimum above `"unverified"`
 *   also requires provenance;
 * - `requiredSources` (the allowed source identifiers) and a signal whose `source` is not listed;
 *   a signal without provenance has no source and fails this check too.
 *
 * Warnings (informational): a record without `sourceTimestamp`, without `evidenceHash`, or whose
 * declared `trustLevel` was capped to `"claimed"` because `sourceVerified` is false.
 *
 * `trustSummary.verifiedSignals` counts records with `sourceVerified: true`; `unverifiedSignals`
 * the other signals that carry provenance; `minimumTrustLevel` is the lowest effective trust
 * among signals with provenance (null when none has any).
 *
 * @param signals - signal name to governed signal or plain value
 * @param options - admissibility requirements; none means "report only"
 * @returns `{ valid, errors, warnings, trustSummary }`
 * @throws ProvenanceError `PROV-001` when `signals` is not a plain object; `PROV-004` when
 *   `options` is malformed; `PROV-003` when `options.minimumTrustLevel` is not a trust level
 * @example
 * ```ts
 * const result = validateProvenance(governedSignals, {
 *   requireProvenance: true,
 *   minimumTrustLevel: "verified",
 *   requiredSources: ["AccountAggregator", "CIBIL"],
 * });
 * if (!result.valid) throw new Error(result.errors.join(", "));
 * ```
 */
export function validateProvenance(
  signals: GovernedSignalMap | Record<string, unknown>,
  options: SignalProvenanceValidationOptions = {},
): ProvenanceValidationResult {
  const { requireProvenance, minimumTrustLevel, requiredSources } = parseOptions(options);
  const summary = summarizeSignalProvenance(signals, "validateProvenance");
  const errors: string[] = [];
  const warnings: string[] = [];

  for (const facts of summary.signals) {
    const name = `signal ${JSON.stringify(facts.signal)}`;
    if (facts.kind === "malformed") {
      errors.push(`${name}: malformed provenance: ${facts.problem ?? "unknown problem"}`);
      continue;
    }
    if (facts.kind !== "present" || facts.provenance === undefined) {
      if (requireProvenance) errors.push(`${name}: provenance is required but missing`);
      if (minimumTrustLevel !== undefined && trustRank(minimumTrustLevel) > 0) {
        errors.push(
          `${name}: no provenance, so trust level "unverified" is below the minimum "${minimumTrustLevel}"`,
        );
      }
      if (requiredSources !== undefined)
        errors.push(`${name}: no provenance, so its source is not one of the allowed sources`);
      continue;
    }
    const provenance = facts.provenance;
    const trustLevel = facts.trustLevel ?? "unverified";
    if (minimumTrustLevel !== undefined && trustRank(trustLevel) < trustRank(minimumTrustLevel)) {
      errors.push(
        `${name}: trust level "${trustLevel}" is below the minimum "${minimumTrustLevel}"`,
      );
    }
    if (requiredSources !== undefined && !requiredSources.includes(provenance.source)) {
      errors.push(
        `${name}: source ${JSON.stringify(provenance.source)} is not one of the allowed sources`,
      );
    }
    if (facts.trustCapped) {
      warnings.push(
        `${name}: declared trust level "${String(provenance.trustLevel)}" treated as "claimed" because sourceVerified is false`,
      );
    }
    if (provenance.sourceTimestamp === undefined)
      warnings.push(`${name}: provenance has no sourceTimestamp`);
    if (provenance.evidenceHash === undefined)
      warnings.push(`${name}: provenance has no evidenceHash`);
  }

  return {
    valid: errors.length === 0,
    errors,
    warnings,
    trustSummary: {
      totalSignals: summary.totalSignals,
      signalsWithProvenance: summary.signalsWithProvenance,
      verifiedSignals: summary.verifiedSignals,
      unverifiedSignals: summary.unverifiedSignals,
      signalsMissingEvidenceHash: summary.signalsMissingEvidenceHash,
      signalsMissingTimestamp: summary.signalsMissingTimestamp,
      minimumTrustLevel: summary.minimumTrustLevel,
    },
  };
}

interface ParsedOptions {
  readonly requireProvenance: boolean;
  readonly minimumTrustLevel: ProvenanceTrustLevel | undefined;
  readonly requiredSources: readonly string[] | undefined;
}

function parseOptions(options: unknown): ParsedOptions {
  if (options === undefined || options === null)
    return { requireProvenance: false, minimumTrustLevel: undefined, requiredSources: undefined };
  if (!isStringKeyedRecord(options)) throw invalidOption("options must be a plain object");
  const read = (key: string): unknown => (hasOwn(options, key) ? options[key] : undefined);
  const requireProvenance = read("requireProvenance");
  if (requireProvenance !== undefined && typeof requireProvenance !== "boolean") {
    throw invalidOption("requireProvenance must be a boolean");
  }
  const minimumTrustLevel = read("minimumTrustLevel");
  if (minimumTrustLevel !== undefined && !isProvenanceTrustLevel(minimumTrustLevel)) {
    throw new ProvenanceError(
      "PROV-003",
      `validateProvenance: minimumTrustLevel is not a trust level`,
      {
        details: { option: "minimumTrustLevel" },
      },
    );
  }
  const requiredSources = read("requiredSources");
  if (
    requiredSources !== undefined &&
    !(Array.isArray(requiredSources) && requiredSources.every((s) => typeof s === "string"))
  ) {
    throw invalidOption("requiredSources must be an array of strings");
  }
  return {
    requireProvenance: requireProvenance === true,
    minimumTrustLevel,
    requiredSources: requiredSources === undefined ? undefined : [...(requiredSources as string[])],
  };
}

function invalidOption(problem: string): ProvenanceError {
  return new ProvenanceError("PROV-004", `validateProvenance: ${problem}`, {
    details: { problem },
  });
}
