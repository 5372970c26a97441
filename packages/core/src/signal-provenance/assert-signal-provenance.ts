import { canonicalize } from "../canonical/canonicalize.js";
import { CanonicalizationError, ProvenanceError } from "../errors/parmana-error.js";
import { hasOwn } from "../internal/type-checks.js";
import { isStringKeyedRecord, withoutUndefinedMembers } from "./internal/records.js";
import { isIsoDateTime } from "../internal/iso-date-time.js";
import type { SignalProvenance, SourceType, VerificationMethod } from "./provenance.types.js";
import { isProvenanceTrustLevel } from "./trust-level-order.js";

const SOURCE_TYPES: readonly SourceType[] = [
  "financial_api",
  "government_api",
  "banking_api",
  "document_ai",
  "voice_transcript",
  "internal_system",
  "manual_entry",
  "unknown",
];

const VERIFICATION_METHODS: readonly VerificationMethod[] = [
  "signature",
  "tls",
  "api-key",
  "manual",
  "unknown",
];

/** `sha256:` followed by 64 lowercase hex digits. */
const PREFIXED_SHA256_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * Checks that a value is a well-formed {@link SignalProvenance} record and throws a coded error
 * when it is not.
 *
 * Required: `source` (non-empty string), `sourceType` (one of the {@link SourceType} values),
 * `sourceVerified` (boolean). When present: `schemaVersion`, `adapterIdentity` strings;
 * `verificationMethod` one of the {@link VerificationMethod} values; `trustLevel` one of the four
 * trust levels; `sourceTimestamp` an ISO-8601 date-time with a zone; `transformationLineage` an
 * array of strings; `evidenceHash` `"sha256:<64 lowercase hex>"`; `metadata` a plain object.
 * Members that are present but `undefined` count as absent. Other members are allowed (forward
 * compatibility) and, like everything else, must be plain JSON: the whole record is
 * canonicalized once so a `NaN` or cycle in `metadata` fails here rather than at hashing time.
 *
 * @param provenance - the candidate record
 * @param label - how to name the record in the message, e.g. `signal "monthly_income"`
 * @throws ProvenanceError `PROV-002` when a member is missing or malformed
 * @throws CanonicalizationError `CANONICAL-` codes when the record is not plain JSON
 */
export function assertSignalProvenance(
  provenance: unknown,
  label = "provenance",
): asserts provenance is SignalProvenance {
  // A label that is not a string (a Symbol cannot be put in a template) names the record generically.
  const name = typeof label === "string" ? label : "provenance";
  const problem = findProvenanceProblem(provenance);
  if (problem !== undefined) {
    throw new ProvenanceError("PROV-002", `${name}: ${problem}`, { details: { problem } });
  }
  // Everything downstream hashes provenance; refuse non-JSON content now.
  try {
    canonicalize(withoutUndefinedMembers(provenance as Record<string, unknown>));
  } catch (error) {
    if (error instanceof CanonicalizationError) {
      throw new CanonicalizationError(
        error.code,
        `${name}: ${error.message.replace(/^\[[^\]]+\] /, "")}`,
        {
          details: error.details,
          cause: error,
        },
      );
    }
    throw new ProvenanceError("PROV-002", `${name}: provenance could not be read as plain JSON`, {
      cause: error,
    });
  }
}

/**
 * Tells what is wrong with a candidate {@link SignalProvenance}, without throwing.
 *
 * @param provenance - the candidate record
 * @returns a sentence naming the first problem, or undefined when the record is well formed
 *   (plain-JSON content is not checked here; {@link assertSignalProvenance} checks it)
 */
export function findProvenanceProblem(provenance: unknown): string | undefined {
  try {
    return provenanceProblem(provenance);
  } catch {
    // A getter or Proxy trap threw while the record was read.
    return "provenance could not be read as plain data";
  }
}

function provenanceProblem(provenance: unknown): string | undefined {
  if (!isStringKeyedRecord(provenance)) return "provenance must be a plain object";
  const record = provenance;
  const read = (key: string): unknown => (hasOwn(record, key) ? record[key] : undefined);

  const source = read("source");
  if (typeof source !== "string" || source.length === 0) return "source must be a non-empty string";
  const sourceType = read("sourceType");
  if (typeof sourceType !== "string" || !(SOURCE_TYPES as readonly string[]).includes(sourceType)) {
    return `sourceType must be one of ${SOURCE_TYPES.join(", ")}`;
  }
  if (typeof read("sourceVerified") !== "boolean") return "sourceVerified must be a boolean";

  for (const key of ["schemaVersion", "adapterIdentity"]) {
    const member = read(key);
    if (member !== undefined && typeof member !== "string") return `${key} must be a string`;
  }
  const method = read("verificationMethod");
  if (
    method !== undefined &&
    !(typeof method === "string" && (VERIFICATION_METHODS as readonly string[]).includes(method))
  ) {
    return `verificationMethod must be one of ${VERIFICATION_METHODS.join(", ")}`;
  }
  const trustLevel = read("trustLevel");
  if (trustLevel !== undefined && !isProvenanceTrustLevel(trustLevel)) {
    return "trustLevel must be one of unverified, claimed, verified, trusted";
  }
  const timestamp = read("sourceTimestamp");
  if (timestamp !== undefined && !isIsoDateTime(timestamp)) {
    return "sourceTimestamp must be an ISO-8601 date-time with a time zone, e.g. 2024-05-01T10:00:00.000Z";
  }
  const lineage = read("transformationLineage");
  if (
    lineage !== undefined &&
    !(Array.isArray(lineage) && lineage.every((step) => typeof step === "string"))
  ) {
    return "transformationLineage must be an array of strings";
  }
  const evidenceHash = read("evidenceHash");
  if (
    evidenceHash !== undefined &&
    !(typeof evidenceHash === "string" && PREFIXED_SHA256_PATTERN.test(evidenceHash))
  ) {
    return 'evidenceHash must be "sha256:" followed by 64 lowercase hex digits';
  }
  const metadata = read("metadata");
  if (metadata !== undefined && !isStringKeyedRecord(metadata))
    return "metadata must be a plain object";
  return undefined;
}
