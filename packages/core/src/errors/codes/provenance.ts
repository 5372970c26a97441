import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `PROV-` codes: signal provenance, lineage, receipts, authorities and proof bundles. */
export const PROVENANCE_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  // PROV-001..PROV-019: signal provenance basics (core) and the provenance package's source
  // attestation, receipts, reconciliation, gateway, admissibility, audit timeline and
  // verification bundles.
  "PROV-001": {
    title: "Signal map is not a plain object",
    cause: "A provenance function got signals that are null, an array, a primitive, a class instance or an object with symbol keys.",
    fix: "Pass a plain object mapping signal names to plain values or GovernedSignal wrappers.",
  },
  "PROV-002": {
    title: "Malformed signal provenance",
    cause: "A SignalProvenance record lacks source, sourceType or sourceVerified, or a field has the wrong type or format (trust level, timestamp, evidenceHash, metadata).",
    fix: "Build provenance with an adapter (accountAggregatorProvenance, ...) or fill every required field with a valid value.",
  },
  "PROV-003": {
    title: "Unknown trust level",
    cause: "A trust level is not one of unverified, claimed, verified, trusted.",
    fix: "Use a value of TRUST_LEVEL_ORDER.",
  },
  "PROV-004": {
    title: "Invalid provenance options",
    cause: "The options of validateProvenance, evaluateProvenancePolicy or evaluateAdmissibility are not a plain object or have a member of the wrong type.",
    fix: "Pass booleans for require* flags, a trust level for minimumTrustLevel and an array of strings for source lists.",
  },
  "PROV-005": {
    title: "Not a governed signal",
    cause: "stripProvenance got a value that is not a GovernedSignal (a plain object with an own value key and no keys besides value and provenance).",
    fix: "Pass the wrapper made by withProvenance or withoutProvenance.",
  },
  "PROV-006": {
    title: "Undefined signal value",
    cause: "withProvenance or withoutProvenance got undefined as the signal value, usually a missing field of a source response.",
    fix: "Pass the actual value; signals are JSON values and cannot be undefined.",
  },
  "PROV-007": {
    title: "Invalid adapter options",
    cause: "A source adapter (accountAggregatorProvenance, documentProvenance, voiceTranscriptProvenance) got a missing or empty identifier, a malformed timestamp or a confidence outside 0..1.",
    fix: "Pass the documented options with non-empty strings, ISO-8601 timestamps and a confidence between 0 and 1.",
  },
  "PROV-008": {
    title: "Evidence hash mismatch",
    cause: "An adapter got both the raw evidence and a pre-computed hash, and the hash is not the hash of the evidence.",
    fix: "Pass only one of them, or recompute the hash with hashEvidencePayload.",
  },
  // PROV-020 and up: lineage, replay, authority, consumption, gate, invariants, signing, proof
  // bundles and stores (provenance package).
};
