import {
  sha256Hex,
  computeExecutionHashes,
  extractSignalValues,
  ParmanaError,
  StoreError,
  verifyAttestation,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { assertStorable, plainSnapshot } from "./storable-values.js";

/** A checked attestation, ready to become a decision row. */
export interface CheckedDecision {
  readonly attestation: ExecutionAttestation;
  readonly attestationHash: string;
  /** The attestation's canonical JSON (RFC 8785), stored as the jsonb column. */
  readonly canonical: string;
  /** Plain signal values (provenance stripped), when the caller gave them. */
  readonly signals: Readonly<Record<string, unknown>> | undefined;
}

// Accepts every signature: only the record's form is checked here (the audit database does not
// need the issuer's key to store an attestation; verifyAll checks signatures).
const ACCEPT_ANY_SIGNATURE = { verify: (): boolean => true };

/**
 * Checks an attestation with core's record checks (every field, its format, no unknown field,
 * execution_state consistent with requires_override) and, when signals are given, that they
 * hash to its `signalsHash` and `execution_fingerprint`. Works on a detached plain-JSON copy.
 *
 * @throws StoreError `STORE-052` malformed attestation, `STORE-053` signals that do not match, `STORE-055` NUL or too large
 */
export function checkDecision(
  attestation: unknown,
  signals: unknown,
  maxRecordBytes: number,
): CheckedDecision {
  const snapshot = plainSnapshot(attestation, "the attestation", "STORE-052");
  const record = snapshot.value as Record<string, unknown>;
  const errors = recordProblems(record);
  if (errors.length > 0) {
    throw new StoreError(
      "STORE-052",
      `the attestation is not well formed: ${errors.slice(0, 5).join("; ")}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ""}; nothing was written`,
      { details: { problems: errors } },
    );
  }
  const checked = record as unknown as ExecutionAttestation;
  let plainSignals: Record<string, unknown> | undefined;
  let signalsCanonical = "";
  if (signals !== undefined) {
    if (typeof signals !== "object" || signals === null || Array.isArray(signals)) {
      throw new StoreError(
        "STORE-053",
        `signals must be an object of signal values, got ${signals === null ? "null" : Array.isArray(signals) ? "an array" : typeof signals}; nothing was written`,
      );
    }
    let values: Record<string, unknown>;
    try {
      values = extractSignalValues(signals as Record<string, unknown>);
    } catch (error) {
      throw new StoreError(
        "STORE-053",
        `the signals cannot be read: ${error instanceof Error ? error.message : String(error)}; nothing was written`,
        { cause: error, details: ParmanaError.isInstance(error) ? { reason: error.code } : {} },
      );
    }
    const snap = plainSnapshot(values, "the signals", "STORE-053");
    plainSignals = snap.value as Record<string, unknown>;
    signalsCanonical = snap.canonical;
    const hashes = computeExecutionHashes(checked.policyId, checked.policyVersion, plainSignals);
    if (
      hashes.signalsHash !== checked.signalsHash ||
      hashes.execution_fingerprint !== checked.execution_fingerprint
    ) {
      throw new StoreError(
        "STORE-053",
        `the signals given for ${checked.executionId} hash to ${hashes.signalsHash.slice(0, 16)}…, not the attestation's signalsHash ${checked.signalsHash.slice(0, 16)}…; they are not the signals that were decided, nothing was written`,
        { details: { executionId: checked.executionId } },
      );
    }
  }
  assertStorable(
    `${snapshot.canonical}${signalsCanonical}`,
    plainSignals === undefined ? record : { attestation: record, signals: plainSignals },
    `the decision ${JSON.stringify(checked.executionId.slice(0, 80))}`,
    maxRecordBytes,
  );
  return Object.freeze({
    attestation: checked,
    // The snapshot's text is canonicalize(attestation): hash it rather than canonicalize again.
    attestationHash: sha256Hex(snapshot.canonical),
    canonical: snapshot.canonical,
    signals: plainSignals,
  });
}

/**
 * The record problems core's verifier finds in an attestation, without judging its signature,
 * runtime or schema (a verifier that accepts everything, its own runtime and schema trusted).
 */
export function recordProblems(record: Record<string, unknown>): readonly string[] {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return ["an attestation must be a JSON object"];
  }
  const runtimeHash = record["runtimeHash"];
  const schemaVersion = record["schemaVersion"];
  const result = verifyAttestation(record, ACCEPT_ANY_SIGNATURE, {
    ...(typeof runtimeHash === "string" ? { trustedRuntimeHashes: [runtimeHash] } : {}),
    ...(typeof schemaVersion === "string" ? { supportedSchemaVersions: [schemaVersion] } : {}),
  });
  return result.valid ? [] : result.errors;
}
