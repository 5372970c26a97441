import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `INV-` codes: execution invariants such as replay protection. */
export const INVARIANT_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  "INV-013": {
    title: "Replay detected",
    cause:
      "The replay key (policyId:executionId, or the execution fingerprint when no executionId was given) is already reserved or confirmed: this business transaction was decided, or is being decided right now.",
    fix: "Do not retry a decided transaction; fetch its stored attestation. Use a new executionId for a new transaction.",
  },
  "INV-REPLAY-001": {
    title: "No replay store",
    cause: "executeFromSignals was called without a replay store, or with an object that lacks reserve/confirm/hasExecuted/markExecuted.",
    fix: "Pass a ReplayStore (MemoryReplayStore for one process, RedisReplayStore or DynamoReplayStore across processes) as the last argument or as options.replayStore.",
  },
  "INV-REPLAY-002": {
    title: "Replay store full",
    cause: "MemoryReplayStore holds maxSize live entries (after evicting expired ones), so it cannot reserve another key without forgetting a decided one.",
    fix: "Raise maxSize, or use a shared store with expiry (Redis, DynamoDB) for long-running services.",
  },
  "INV-REPLAY-003": {
    title: "No live reservation to confirm",
    cause: "confirm was called for a key that was never reserved, whose reservation expired (reservationTtlSeconds), or that was released.",
    fix: "Call reserve before confirm and confirm within the reservation TTL; a released key must be reserved again.",
  },
  "INV-REPLAY-004": {
    title: "Invalid replay key",
    cause: "A replay store method got a key that is not a non-empty string.",
    fix: "Pass the replay key as a non-empty string.",
  },
  "INV-REPLAY-005": {
    title: "Replay store failed",
    cause: "The replay store threw while reserving or confirming a key (for example its backend is unreachable). Nothing was decided.",
    fix: "Check the store's backend; the cause holds the original error. The call may be retried.",
  },
  "INV-EXEC-001": {
    title: "No signer",
    cause: "executeFromSignals was called without an object that has a sign(payload) method.",
    fix: "Pass a Signer such as LocalSigner, KMSSigner or VaultSigner as the second argument.",
  },
  "INV-EXEC-002": {
    title: "No verifier",
    cause: "executeFromSignals or verifyAttestation was called without an object that has a verify(payload, signature) method.",
    fix: "Pass a Verifier such as LocalVerifier, KMSVerifier or VaultVerifier.",
  },
  "INV-EXEC-003": {
    title: "Invalid execution options",
    cause:
      "An execution option has the wrong type, or an injected clock or id generator returned something unusable (clock not a valid time, id not a non-empty string).",
    fix: "Check the options object against ExecuteOptions: clock returns a Date or epoch milliseconds, generateId returns a non-empty string.",
  },
};
