import type { ErrorCodeEntry } from "../error-code-entry.js";

/**
 * `STORE-` codes: stores and adapters that are misconfigured, unreachable or misbehave.
 * STORE-001..009 are shared by every adapter package; each package numbers its own codes in its
 * range: adapters-redis 020-029, adapters-aws 030-039, adapters-vault 040-049, audit-db 050-079, the audit-db transparency log 080-089.
 */
export const STORE_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  "STORE-001": {
    title: "Invalid adapter options",
    cause:
      "An adapter or store constructor got an option it does not know (a misspelt name), an option of the wrong type or range, or a client that is not the kind it needs (for example not an ioredis client, a KMSClient, a pg Pool or a PGlite instance).",
    fix: "Check the options against the adapter's documented options table; the message names the option and what it must be.",
  },
  "STORE-002": {
    title: "Store unavailable",
    cause:
      "A store (pending overrides, audit database, replay state outside executeFromSignals) could not be reached or did not answer within its operationTimeoutMs. Nothing was written.",
    fix: "Check the backend (network, credentials, server health). The operation may be retried (retryable: true).",
  },
  "STORE-003": {
    title: "Stored record malformed",
    cause:
      "A record read from a store is not in the format this library writes (corrupted, edited by hand, or written by another program under the same key prefix or table).",
    fix: "Inspect the record named in the details; use a prefix or table of its own for Parmana. Retrying does not help (retryable: false).",
  },
  "STORE-004": {
    title: "Conflicting record",
    cause:
      "A store already holds a different record under the same identifier (for example another attestation under the same executionId). Records are never overwritten.",
    fix: "Treat it as a conflict to investigate: the existing record is kept as it is. Use a new identifier for a new transaction.",
  },
  "STORE-005": {
    title: "Store closed",
    cause: "The adapter was used after disconnect() or close().",
    fix: "Create a new adapter, or close it only at shutdown.",
  },
  "STORE-020": {
    title: "Invalid reservation token",
    cause:
      "RedisReplayStore.confirm or release got a token that is not what reserve returned: not a string, an empty string, or longer than 128 characters. Nothing was confirmed or released.",
    fix: "Pass back exactly the token that reserve returned for this key, or no token at all (the documented form without tokens).",
  },
  "STORE-030": {
    title: "DynamoDB table set-up failed",
    cause:
      "createReplayTable or createPendingOverrideTable could not create the table, wait for it to become ACTIVE, or enable its TTL (permissions such as dynamodb:CreateTable / dynamodb:UpdateTimeToLive missing, a table limit reached, or DynamoDB unreachable). The details name the DynamoDB operation and error type.",
    fix: "Grant the permissions or create the table with the documented CloudFormation snippet. Transient failures are marked retryable: true.",
  },
  "STORE-050": {
    title: "Audit database migration failed",
    cause:
      "The audit database schema could not be brought up to date: a migration file is missing or unreadable, an applied migration's checksum differs from the file shipped with this version (someone edited it), the database already has a newer migration than this version knows, or a migration statement failed (the whole run is rolled back).",
    fix: "Read the message and details (version, file, SQL state). Run `parmana audit migrate` as the table owner; never edit an applied migration, add a new one instead.",
  },
  "STORE-051": {
    title: "Audit rows are append-only",
    cause:
      "An UPDATE, DELETE or TRUNCATE reached a decision, override, verification, security-event or API-access row; the database's append-only triggers refused it and nothing changed.",
    fix: "Audit rows are never changed: record a new row (a new verification, an override resolution) instead. Grant the application role INSERT and SELECT only.",
  },
  "STORE-052": {
    title: "Attestation not well formed",
    cause:
      "recordDecision got something that is not a well-formed attestation: a missing or extra field, a field of the wrong type or format, execution_state inconsistent with requires_override, or values that are not plain JSON. Nothing was written.",
    fix: "Record the attestation exactly as executeFromSignals returned it (or as parsed from its JSON); the details list every problem.",
  },
  "STORE-053": {
    title: "Signals do not match the attestation",
    cause:
      "recordDecision got signals whose canonical hash is not the attestation's signalsHash (or whose fingerprint differs), so they are not the signals that were decided. Nothing was written.",
    fix: "Pass the exact signals given to executeFromSignals (plain or governed), or omit them.",
  },
  "STORE-054": {
    title: "Invalid audit record",
    cause:
      "A verification result, security event, API-access record or override record has a missing field, a field of the wrong type or an unknown value (for example a severity other than low, medium, high or critical). Nothing was written.",
    fix: "Check the record against the documented fields; the message names the field.",
  },
  "STORE-055": {
    title: "Value cannot be stored",
    cause:
      "A string holds a NUL character (U+0000), which Postgres text and jsonb cannot store, or a value is larger than the configured limit (maxRecordBytes, 1 MiB by default). Nothing was written.",
    fix: "Remove NUL characters at the source, or raise maxRecordBytes if such large records are expected.",
  },
  "STORE-056": {
    title: "Invalid audit query",
    cause:
      "A queryDecisions, getDecisionTimeline or exportDecisions filter has an unknown member, a value of the wrong type, a malformed pagination cursor, a limit out of range, or a signals condition that is not a valid policy condition (the details carry its POL- problems).",
    fix: "Use the documented filter members; write signals conditions as in a policy rule ({ all: [{ signal, greater_than: 500000 }] }).",
  },
  "STORE-057": {
    title: "Background audit write dropped or failed",
    cause:
      "In background mode, a queued write could not be stored (the database refused it or was unreachable) or the bounded queue was full and the new write was refused. Reported through onWriteError and getStats(); never silent.",
    fix: "Call flush() before shutdown, size maxQueueSize for bursts, and alert on onWriteError. Use the default awaited mode where every write must be on disk before the call returns.",
  },
  "STORE-058": {
    title: "Database refused the statement",
    cause:
      "Postgres rejected an audit-db statement for a reason that is neither a lost connection nor a known refusal (the SQL state is in the details): a missing privilege, a disabled extension, a schema changed by hand.",
    fix: "Check the SQL state and the role's privileges; run `parmana audit migrate` as the owner. Retrying does not help.",
  },
  // Transparency log of the audit database.
  "STORE-080": {
    title: "Decision not in the log",
    cause: "No decision with this executionId is in the audit database's transparency log.",
    fix: "Check the executionId; decisions enter the log when recordDecision stores them.",
  },
  "STORE-081": {
    title: "Log size out of range",
    cause:
      "A proof or root was asked for a tree size the log has not reached, a negative or fractional size, or a decision logged after the requested size.",
    fix: "Use sizes from 1 to the current size (a published checkpoint's size); the decision's leaf index must be below it.",
  },
  "STORE-082": {
    title: "Log tables damaged",
    cause:
      "A subtree hash or the state row that the log's size implies is missing: the log tables were altered outside the library.",
    fix: "Restore the database from a backup and compare with checkpoints held by auditors; investigate who changed the tables.",
  },
  "STORE-083": {
    title: "No log signer",
    cause: "publishCheckpoint was called on an AuditLog created without a signer and publicKey.",
    fix: "Create the AuditLog with { origin, signer, publicKey } (an Ed25519 key kept for the log).",
  },
  "STORE-084": {
    title: "No checkpoint covers the decision",
    cause:
      "No published checkpoint includes the decision yet, and the AuditLog has no signer to publish one.",
    fix: "Publish a checkpoint (parmana audit checkpoint) first, or give the AuditLog its signer.",
  },
};
