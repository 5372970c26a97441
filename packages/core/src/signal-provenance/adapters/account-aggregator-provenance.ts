import type { SignalProvenance } from "../provenance.types.js";
import { AdapterOptions } from "./adapter-options.js";

/** Options of {@link accountAggregatorProvenance}. */
export interface AccountAggregatorProvenanceOptions {
  /** AA consent handle. */
  consentId: string;
  /** Your FIU registration id. */
  fiuId: string;
  /** ISO-8601 UTC timestamp of the fetch; becomes `sourceTimestamp`. */
  fetchedAt: string;
  /** Pre-computed evidence hash (`"sha256:<hex>"`), or provide `rawData`. */
  rawDataHash?: string;
  /** Raw FI data; hashed with `hashEvidencePayload` for `evidenceHash`. */
  rawData?: unknown;
  /** Transformations applied; defaults to `["rbi-aa-schema-normalization"]`. */
  transformations?: string[];
}

/**
 * Builds provenance for a signal derived from RBI Account Aggregator data.
 *
 * The record: `source: "AccountAggregator"`, `sourceType: "financial_api"`,
 * `sourceVerified: true`, `verificationMethod: "signature"` (AA FI data is signed by the FIP),
 * `trustLevel: "verified"`, `schemaVersion: "1.0.0"`, `adapterIdentity: "aa-adapter@1.0.0"`,
 * `sourceTimestamp: fetchedAt`, `transformationLineage: transformations` (default
 * `["rbi-aa-schema-normalization"]`), `evidenceHash` from `rawDataHash` or the hash of `rawData`
 * (absent when neither is given), and `metadata: { consentId, fiuId }`. No clock is read.
 *
 * @param options - consent, FIU, fetch time and optional evidence
 * @returns a new provenance record
 * @throws ProvenanceError `PROV-007` for a missing or malformed option; `PROV-008` when both
 *   `rawData` and `rawDataHash` are given and disagree
 * @throws CanonicalizationError when `rawData` is not a string, bytes or plain JSON
 * @example
 * ```ts
 * withProvenance(aaResponse.derivedMonthlyIncome, accountAggregatorProvenance({
 *   consentId: aaResponse.consentId,
 *   fiuId: "FIU-NBFC-001",
 *   fetchedAt: aaResponse.fetchedAt,
 *   rawData: aaResponse.rawFiData,
 *   transformations: ["rbi-aa-schema-normalization", "monthly-average-v2"],
 * }));
 * ```
 */
export function accountAggregatorProvenance(
  options: AccountAggregatorProvenanceOptions,
): SignalProvenance {
  const read = new AdapterOptions("accountAggregatorProvenance", options);
  const consentId = read.requiredString("consentId");
  const fiuId = read.requiredString("fiuId");
  const fetchedAt = read.requiredTimestamp("fetchedAt");
  const transformations = read.optionalStringList("transformations") ?? [
    "rbi-aa-schema-normalization",
  ];
  const evidenceHash = read.evidenceHash("rawDataHash", "rawData");
  return {
    schemaVersion: "1.0.0",
    source: "AccountAggregator",
    sourceType: "financial_api",
    sourceVerified: true,
    verificationMethod: "signature",
    sourceTimestamp: fetchedAt,
    adapterIdentity: "aa-adapter@1.0.0",
    transformationLineage: transformations,
    ...(evidenceHash === undefined ? {} : { evidenceHash }),
    trustLevel: "verified",
    metadata: { consentId, fiuId },
  };
}
