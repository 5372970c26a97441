import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `PROV-` codes: signal provenance, lineage, receipts, authorities and proof bundles. */
export const PROVENANCE_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  // PROV-001..PROV-019: signal provenance basics (core) and the provenance package's source
  // attestation, receipts, reconciliation, gateway, admissibility, audit timeline and
  // verification bundles.
  "PROV-001": {
    title: "Signal map is not a plain object",
    cause:
      "A provenance function got signals that are null, an array, a primitive, a class instance or an object with symbol keys.",
    fix: "Pass a plain object mapping signal names to plain values or GovernedSignal wrappers.",
  },
  "PROV-002": {
    title: "Malformed signal provenance",
    cause:
      "A SignalProvenance record lacks source, sourceType or sourceVerified, or a field has the wrong type or format (trust level, timestamp, evidenceHash, metadata).",
    fix: "Build provenance with an adapter (accountAggregatorProvenance, ...) or fill every required field with a valid value.",
  },
  "PROV-003": {
    title: "Unknown trust level",
    cause: "A trust level is not one of unverified, claimed, verified, trusted.",
    fix: "Use a value of TRUST_LEVEL_ORDER.",
  },
  "PROV-004": {
    title: "Invalid provenance options",
    cause:
      "The options of validateProvenance, evaluateProvenancePolicy or evaluateAdmissibility are not a plain object or have a member of the wrong type.",
    fix: "Pass booleans for require* flags, a trust level for minimumTrustLevel and an array of strings for source lists.",
  },
  "PROV-005": {
    title: "Not a governed signal",
    cause:
      "stripProvenance got a value that is not a GovernedSignal (a plain object with an own value key and no keys besides value and provenance).",
    fix: "Pass the wrapper made by withProvenance or withoutProvenance.",
  },
  "PROV-006": {
    title: "Undefined signal value",
    cause:
      "withProvenance or withoutProvenance got undefined as the signal value, usually a missing field of a source response.",
    fix: "Pass the actual value; signals are JSON values and cannot be undefined.",
  },
  "PROV-007": {
    title: "Invalid adapter options",
    cause:
      "A source adapter (accountAggregatorProvenance, documentProvenance, voiceTranscriptProvenance) got a missing or empty identifier, a malformed timestamp or a confidence outside 0..1.",
    fix: "Pass the documented options with non-empty strings, ISO-8601 timestamps and a confidence between 0 and 1.",
  },
  "PROV-008": {
    title: "Evidence hash mismatch",
    cause:
      "An adapter got both the raw evidence and a pre-computed hash, and the hash is not the hash of the evidence.",
    fix: "Pass only one of them, or recompute the hash with hashEvidencePayload.",
  },
  "PROV-009": {
    title: "Invalid execution receipt",
    cause:
      "createExecutionReceipt or hashExecutionReceipt got a receipt (or input) with a missing or empty identifier, an unknown outcome, a malformed timestamp, hash, trust level or metadata.",
    fix: "Pass non-empty strings for the identifiers, one of success/failure/partial/unknown as outcome, ISO-8601 times and plain-JSON metadata.",
  },
  "PROV-010": {
    title: "Invalid authorized execution",
    cause:
      'An AuthorizedExecution lacks executionId, attestationHash or authorizedAction, or its authorizedParametersHash is not "sha256:<64 hex>".',
    fix: "Build authorizedParametersHash with hashExecutionParameters and fill every member.",
  },
  "PROV-011": {
    title: "Invalid reconciliation result",
    cause:
      "hashReconciliationResult got a value that is not an ExecutionReconciliationResult (match, mismatches, authorizedExecution, executionReceipt).",
    fix: "Pass the result of reconcileExecution.",
  },
  "PROV-012": {
    title: "Invalid audit event",
    cause:
      "An audit event lacks eventId or summary, has an unknown type, a malformed timestamp, trust level, references or metadata.",
    fix: "Give every event a non-empty eventId, one of the documented types, an ISO-8601 timestamp and a summary.",
  },
  "PROV-013": {
    title: "Duplicate audit event id",
    cause:
      "Two events of one audit timeline share an eventId, so their order and identity are ambiguous.",
    fix: "Give each event a unique eventId.",
  },
  "PROV-014": {
    title: "Empty audit timeline",
    cause:
      "buildAuditTimeline got no receipt, no reconciliation and no additional events; generatedAt comes from the last event and is never read from the clock.",
    fix: "Pass at least one record or event.",
  },
  "PROV-015": {
    title: "Invalid verification bundle input",
    cause:
      "createVerificationBundle or hashVerificationBundle got a missing executionId or attestationHash, a malformed component, or components that belong to another execution.",
    fix: "Pass the records of one execution, as produced by createExecutionReceipt, reconcileExecution, buildAuditTimeline and buildProvenanceAttestationSummary.",
  },
  "PROV-016": {
    title: "Invalid clock",
    cause:
      "An injected clock is not a function or returned something other than a valid Date or epoch milliseconds.",
    fix: "Pass a clock such as () => new Date() that returns a valid time.",
  },
  "PROV-017": {
    title: "Invalid provenance requirements",
    cause:
      "evaluateProvenancePolicy or evaluateAdmissibility got requirements that are not a plain object, or a member of the wrong type.",
    fix: "Pass booleans for require* flags, a trust level for minimumTrustLevel and an array of strings for allowedSources.",
  },
  // PROV-020 and up: lineage, replay, authority, consumption, gate, invariants, signing, proof
  // bundles and stores (provenance package).
  "PROV-020": {
    title: "Invalid lineage event input",
    cause:
      "createLineageEvent got an unknown field, an empty type, a payload or metadata that is not plain JSON, a previousHash that is neither null nor a sha256: hash, a timestamp that is not ISO-8601 UTC, or a metadata executionId/attestationHash that is not a non-empty string.",
    fix: "Pass { type, payload, previousHash, timestamp?, metadata? } with plain JSON values; previousHash is null for the genesis event, else the previous event's lineageHash.",
  },
  "PROV-021": {
    title: "Invalid store configuration",
    cause:
      "A consumption or lineage store got a client without the methods it calls (set/get, query), an empty key prefix, an unsafe table name, malformed options, or an injected clock that returned an invalid time.",
    fix: "Pass an ioredis client or a pg Pool, a lowercase table name of at most 46 characters, and a clock returning a valid Date or epoch milliseconds.",
  },
  "PROV-022": {
    title: "Invalid execution authority input",
    cause:
      "createExecutionAuthority got an unknown field, an empty identifier, authorizedParameters that are not plain JSON, a ttlSeconds outside (0, 31536000], or an issuedAt that is not ISO-8601 UTC.",
    fix: "Pass every documented field; issuedAt such as 2024-05-01T10:00:00.000Z and a positive ttlSeconds.",
  },
  "PROV-023": {
    title: "Malformed execution authority",
    cause: "hashExecutionAuthority got an authority with a missing or malformed field.",
    fix: "Pass an authority made by createExecutionAuthority.",
  },
  "PROV-024": {
    title: "Invalid governance signing input",
    cause:
      "signGovernancePayload got a payload that is not RFC 8785 canonical JSON text or an empty keyId, or a signing or verification call named a domain other than the governance, lineage, authority, proofBundle or receipt signing domains.",
    fix: "Sign canonicalize(value), give a non-empty keyId, and use one of SIGNING_DOMAINS.governance (the default), .lineage, .authority, .proofBundle, .receipt.",
  },
  "PROV-025": {
    title: "Not an Ed25519 governance key",
    cause:
      "A governance signing or verification function got something other than an Ed25519 KeyObject of the right type (a private key to sign, a public key to verify), or importPublicKey got text that is not an Ed25519 public key PEM.",
    fix: "Use generateGovernanceKeyPair() or importPublicKey(pem) with an Ed25519 SPKI PEM; never pass a private key to a verifier.",
  },
  "PROV-026": {
    title: "Consumption store unavailable",
    cause:
      "Redis or Postgres failed, timed out or returned something unreadable while a consumption status or record was read. The store fails closed: consume resolves false and status queries reject rather than answer available.",
    fix: "Check the connection to the store and retry; this error is retryable.",
  },
  "PROV-027": {
    title: "Proof bundle refused",
    cause:
      "createGovernanceProofBundle got an empty or broken lineage, a replay that is not replayLineage(lineage), an unknown field, or a generatedAt that is not ISO-8601 UTC. Nothing was signed.",
    fix: "Verify the lineage with verifyLineageChain, pass replay: replayLineage(lineage), and give generatedAt in ISO-8601 UTC or leave it out.",
  },
  "PROV-028": {
    title: "Malformed governance explanation input",
    cause:
      "explainGovernance got a replay or invariant result that is missing or malformed, or a verification bundle that is not an object.",
    fix: "Pass the results of replayLineage and verifyGovernanceInvariants unchanged.",
  },
  "PROV-029": {
    title: "Audit report refused",
    cause:
      "generateAuditReport got an empty or broken lineage, or a replay that is not replayLineage(lineage); narrating it would present unverified events as fact.",
    fix: "Pass an intact lineage and its replay; use explainGovernance to describe a failing lineage.",
  },
  "PROV-030": {
    title: "Lineage event refused by the store",
    cause:
      "PostgresLineageStore got an event that is malformed, whose lineageHash does not recompute, or that has no metadata.executionId; or a lookup with an empty executionId. Nothing was written.",
    fix: "Persist events made by createLineageEvent with metadata.executionId set.",
  },
  "PROV-031": {
    title: "Lineage event already stored",
    cause:
      "An event with the same lineageHash is already in the lineage table; the store is append-only and never overwrites.",
    fix: "Do not append an event twice; read the stored chain with getByExecutionId to find its tail.",
  },
  "PROV-032": {
    title: "Lineage store unavailable",
    cause:
      "Postgres failed while the lineage store created its schema, appended or read events, or a stored row was unreadable.",
    fix: "Check the database connection and retry (retryable unless a row is unreadable).",
  },
  "PROV-033": {
    title: "Malformed consumption lookup",
    cause:
      "A consumption store's get was called with something other than a sha256: authority hash.",
    fix: "Pass authority.authorityHash.",
  },
};
