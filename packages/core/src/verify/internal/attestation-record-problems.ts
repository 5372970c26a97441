import { describeUntrusted as describe, isPlainRecord } from "../../internal/type-checks.js";
import { checkAttestationRecord, type RecordFindings } from "./check-attestation-record.js";

/**
 * The problems that make an attestation malformed, judged the way `verifyAttestation` judges its
 * record: every field present with its type and format, no unknown field, `execution_state`
 * consistent with `decision.requires_override`. Its signature, and whether its runtime and
 * schema version are trusted, are not looked at (a store keeps attestations before anyone
 * verifies them). For a value parsed from JSON the list is empty exactly when the result of this
 * call is valid, found without the copy and the signing input that verification makes:
 *
 * ```ts
 * verifyAttestation(record, verifierThatAcceptsAll, {
 *   trustedRuntimeHashes: [record.runtimeHash],
 *   supportedSchemaVersions: [record.schemaVersion],
 * });
 * ```
 *
 * Pass a detached plain-JSON value (the result of `JSON.parse`): the record is read as it is,
 * member by member, and not copied first. A member that cannot be read is a problem, not a throw.
 *
 * @param record - the candidate attestation, plain JSON data
 * @returns the `[INV-VERIFY-0xx]` errors; empty for a well-formed attestation
 */
export function attestationRecordProblems(record: unknown): string[] {
  try {
    if (!isPlainRecord(record))
      return [`[INV-VERIFY-001] an attestation must be a JSON object, got ${describe(record)}`];
    const findings: RecordFindings = { errors: [], warnings: [] };
    checkAttestationRecord(record, findings);
    return findings.errors;
  } catch (error) {
    return [
      `[INV-VERIFY-014] the attestation is not plain data: it could not be read (${error instanceof Error ? error.name : typeof error} thrown)`,
    ];
  }
}
