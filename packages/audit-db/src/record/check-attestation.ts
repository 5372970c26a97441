import {
  sha256Hex,
  extractSignalValues,
  ParmanaError,
  StoreError,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import {
  attestationRecordProblems,
  executionHashesOfCanonicalSignals,
} from "@parmanasystems/core/internal";
import { assertStorable, canonicalText } from "./storable-values.js";

/** A checked attestation, ready to become a decision row. */
export interface CheckedDecision {
  /** A detached plain-JSON copy of the attestation (parsed from `canonical`). */
  readonly attestation: ExecutionAttestation;
  readonly attestationHash: string;
  /** The attestation's canonical JSON (RFC 8785): the jsonb column, the hash and the log leaf. */
  readonly canonical: string;
  /**
   * The canonical JSON of the plain signal values (provenance stripped), when the caller gave
   * signals: the jsonb column, and the text signalsHash was checked against.
   */
  readonly signalsCanonical: string | undefined;
}

/**
 * Checks an attestation with core's record checks (every field, its format, no unknown field,
 * execution_state consistent with requires_override) and, when signals are given, that they
 * hash to its `signalsHash` and `execution_fingerprint`. The attestation is canonicalized once:
 * that text is parsed into the detached copy that is checked, hashed, stored and logged, so later
 * changes to the caller's object cannot reach what was checked; the signals are canonicalized
 * once too, and that text is both hashed and stored.
 *
 * @throws StoreError `STORE-052` malformed attestation, `STORE-053` signals that do not match, `STORE-055` NUL or too large
 */
export function checkDecision(
  attestation: unknown,
  signals: unknown,
  maxRecordBytes: number,
): CheckedDecision {
  const canonical = canonicalText(attestation, "the attestation", "STORE-052");
  const record = JSON.parse(canonical) as Record<string, unknown>;
  const errors = recordProblems(record);
  if (errors.length > 0) {
    throw new StoreError(
      "STORE-052",
      `the attestation is not well formed: ${errors.slice(0, 5).join("; ")}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ""}; nothing was written`,
      { details: { problems: errors } },
    );
  }
  const checked = record as unknown as ExecutionAttestation;
  let signalsCanonical: string | undefined;
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
    signalsCanonical = canonicalText(values, "the signals", "STORE-053");
    const hashes = executionHashesOfCanonicalSignals(
      checked.policyId,
      checked.policyVersion,
      signalsCanonical,
    );
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
  const storedSignals = signalsCanonical;
  assertStorable(
    storedSignals === undefined ? canonical : `${canonical}${storedSignals}`,
    // Parsed only to name where a NUL character is, which is rare.
    () =>
      storedSignals === undefined
        ? record
        : { attestation: record, signals: JSON.parse(storedSignals) as unknown },
    `the decision ${JSON.stringify(checked.executionId.slice(0, 80))}`,
    maxRecordBytes,
  );
  return Object.freeze({
    attestation: checked,
    attestationHash: sha256Hex(canonical),
    canonical,
    signalsCanonical,
  });
}

/**
 * The record problems core's verifier finds in an attestation, without judging its signature,
 * runtime or schema (core's record check: empty exactly when verifyAttestation with a verifier
 * that accepts everything, its own runtime and schema trusted, finds it valid).
 *
 * @param record - a detached plain-JSON copy (parsed from JSON)
 */
export function recordProblems(record: Record<string, unknown>): readonly string[] {
  return attestationRecordProblems(record);
}
