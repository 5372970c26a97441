import type { ErrorCodeEntry } from "../error-code-entry.js";

/**
 * `STORE-` codes: stores and adapters that are misconfigured, unreachable or misbehave.
 * STORE-001..009 are shared by every adapter package; each package numbers its own codes in its
 * range: adapters-redis 020-029, adapters-aws 030-039, adapters-vault 040-049, audit-db 050-079.
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
    fix: "Pass back exactly the token that reserve returned for this key, or no token at all (the documented seed form).",
  },
  "STORE-030": {
    title: "DynamoDB table set-up failed",
    cause:
      "createReplayTable or createPendingOverrideTable could not create the table, wait for it to become ACTIVE, or enable its TTL (permissions such as dynamodb:CreateTable / dynamodb:UpdateTimeToLive missing, a table limit reached, or DynamoDB unreachable). The details name the DynamoDB operation and error type.",
    fix: "Grant the permissions or create the table with the documented CloudFormation snippet. Transient failures are marked retryable: true.",
  },
};
