import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `INV-` codes: execution invariants such as replay protection. */
export const INVARIANT_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  "INV-013": {
    title: "Replay detected",
    cause:
      "The replay key (policyId:executionId, or the execution fingerprint when no executionId was given) is already reserved or confirmed: this business transaction was decided, or is being decided right now.",
    fix: "Do not retry a decided transaction; fetch its stored attestation. Use a new executionId for a new transaction.",
  },
  "INV-EXEC-001": {
    title: "No signer",
    cause: "executeFromSignals was called without an object that has a sign(payload) method.",
    fix: "Pass a Signer such as LocalSigner, KMSSigner or VaultSigner as the second argument.",
  },
  "INV-EXEC-002": {
    title: "No verifier",
    cause:
      "executeFromSignals or verifyAttestation was called without an object that has a verify(payload, signature) method.",
    fix: "Pass a Verifier such as LocalVerifier, KMSVerifier or VaultVerifier.",
  },
  "INV-EXEC-003": {
    title: "Invalid execution options",
    cause:
      "An execution option has the wrong type, or an injected clock or id generator returned something unusable (clock not a valid time, id not a non-empty string).",
    fix: "Check the options object against ExecuteOptions: clock returns a Date or epoch milliseconds, generateId returns a non-empty string.",
  },
  "INV-EXEC-004": {
    title: "Execution deadline exceeded",
    cause:
      "executeFromSignals did not finish within its timeoutMs (30 s by default): the replay store, the signer, the verifier or the pending-override store did not answer in time. Nothing was returned; the reservation was released with its token.",
    fix: "Check the slow dependency named in the message (details.step); retry. If the retry reports INV-013, the transaction was decided (a confirm that answered too late can still have succeeded): fetch its attestation. Raise timeoutMs only while it stays well under the store's reservation TTL.",
  },
  "INV-EXEC-005": {
    title: "Attestation field would not verify",
    cause:
      "A field that executeFromSignals takes from its options or signer (signerKeyId, trustRootVersion, runtime identity) has a value that verifyAttestation refuses, for example a numeric signerKeyId or an empty trustRootVersion. Nothing was reserved or signed.",
    fix: "Give signerKeyId and trustRootVersion as non-empty strings, and a runtime identity with a semantic version and sha256:<64 hex> hashes.",
  },
  "INV-REPLAY-001": {
    title: "No replay store",
    cause:
      "executeFromSignals was called without a replay store, or with an object that lacks reserve/confirm/hasExecuted/markExecuted.",
    fix: "Pass a ReplayStore (MemoryReplayStore for one process, RedisReplayStore or DynamoReplayStore across processes) as the last argument or as options.replayStore.",
  },
  "INV-REPLAY-002": {
    title: "Replay store full",
    cause:
      "MemoryReplayStore holds maxSize live entries (after evicting expired ones), so it cannot reserve another key without forgetting a decided one.",
    fix: "Raise maxSize, or use a shared store with expiry (Redis, DynamoDB) for long-running services.",
  },
  "INV-REPLAY-003": {
    title: "Reservation lapsed",
    cause:
      "confirm was called for a key that this attempt no longer holds: its reservation expired (the reservation TTL passed, for example while a signer stalled), it was released, another attempt now holds the key with another reservation token, or it was never reserved. Nothing was confirmed, and executeFromSignals discarded the attestation it had signed.",
    fix: "Do not retry blindly: another attempt may have decided this transaction (check hasExecuted or the audit trail). Keep each attempt well inside the reservation TTL (executeFromSignals' timeoutMs), and call reserve before confirm with the token it returned.",
  },
  "INV-REPLAY-004": {
    title: "Invalid replay key",
    cause:
      "A replay store method got a key that is not a non-empty string, or a reservation token that is not the non-empty string reserve returned.",
    fix: "Pass the replay key as a non-empty string, and the token exactly as reserve returned it.",
  },
  "INV-REPLAY-005": {
    title: "Replay store failed",
    cause:
      "The replay store threw while reserving or confirming a key (for example its backend is unreachable). Nothing was decided.",
    fix: "Check the store's backend; the cause holds the original error. The call may be retried.",
  },
  "INV-REPLAY-006": {
    title: "Malformed reservation token",
    cause:
      "The replay store's reserve returned something other than a reservation token (a non-empty string) or nothing. The store breaks the ReplayStore contract, so executeFromSignals cannot fence its reservation; it released the key and decided nothing.",
    fix: "Fix the store: reserve returns the fencing token of the new reservation as a non-empty string (fenced stores) or nothing (stores without fencing).",
  },
  "INV-VERIFY-001": {
    title: "Malformed attestation",
    cause:
      "verifyAttestation got something that is not an attestation object, or a field is missing, has the wrong type, or is not plain JSON.",
    fix: "Pass the attestation object exactly as executeFromSignals returned it (or as parsed from its stored JSON).",
  },
  "INV-VERIFY-002": {
    title: "Signature does not verify",
    cause:
      "The signature does not cover the attestation's fields under the verifier's key: a field was changed, added or removed, or another key signed it.",
    fix: "Treat the attestation as forged or corrupted. If keys were rotated, verify with the key named by signerKeyId.",
  },
  "INV-VERIFY-003": {
    title: "Verifier failed",
    cause:
      "The verifier threw or answered something other than a boolean (for example a KMS or Vault call failed).",
    fix: "Check the verifier's backend and retry; the message names the original error.",
  },
  "INV-VERIFY-004": {
    title: "Untrusted runtime",
    cause:
      "runtimeHash is not the running runtime's, nor one of the trusted runtimes given to verifyAttestation.",
    fix: "Pass the runtime manifest or identity that produced the attestation (runtimeManifests / trustedRuntimes / trustedRuntimeHashes) if you trust it.",
  },
  "INV-VERIFY-005": {
    title: "Runtime version mismatch",
    cause: "runtimeHash names a trusted runtime, but runtimeVersion is not that runtime's version.",
    fix: "Treat the attestation as inconsistent: the signed runtime fields contradict each other.",
  },
  "INV-VERIFY-006": {
    title: "Unsupported schema version",
    cause: 'schemaVersion is not one this verifier supports (by default "1.0.0").',
    fix: "Upgrade @parmanasystems/core, or pass supportedSchemaVersions if you know the schema is compatible.",
  },
  "INV-VERIFY-007": {
    title: "Inconsistent execution state",
    cause:
      'execution_state is "pending_override" without decision.requires_override, or "completed" with it.',
    fix: "Treat the attestation as not produced by executeFromSignals.",
  },
  "INV-VERIFY-008": {
    title: "Malformed hash or field format",
    cause:
      "A hash is not in its format (execution_fingerprint and signalsHash: 64 lowercase hex; artifact hashes: sha256:<64 hex>), a version is not semver, or issuedAt is not an ISO-8601 UTC time.",
    fix: "Treat the attestation as not produced by executeFromSignals.",
  },
  "INV-VERIFY-009": {
    title: "Policy mismatch",
    cause:
      "The policy given to verifyAttestation is not the one the attestation names (policyId, policyVersion, bundleHash or manifestHash differ).",
    fix: "Pass the exact policy (or bundle) version that decided, or treat the attestation as decided under another policy.",
  },
  "INV-VERIFY-010": {
    title: "Signals mismatch",
    cause:
      "The signals given to verifyAttestation do not hash to the attestation's signalsHash or execution_fingerprint.",
    fix: "Pass the exact signal values that were decided (provenance wrappers are stripped first).",
  },
  "INV-VERIFY-011": {
    title: "Decision mismatch",
    cause:
      "Re-evaluating the given policy on the given signals yields another decision than the attestation's, no decision, or the signals are invalid for the policy.",
    fix: "Treat the decision as not produced by this policy and these signals.",
  },
  "INV-VERIFY-012": {
    title: "Unknown attestation field",
    cause: "The attestation has a field that is not part of the ExecutionAttestation format.",
    fix: "Store attestations exactly as returned; do not add fields to the signed record (wrap it instead).",
  },
  "INV-VERIFY-013": {
    title: "Deprecated evaluatorHash differs",
    cause: "Warning: evaluatorHash, the deprecated alias, is not equal to evaluatorSemanticHash.",
    fix: "Read evaluatorSemanticHash; the alias is kept only for backward compatibility.",
  },
  "INV-VERIFY-014": {
    title: "Attestation is not plain data",
    cause:
      "verifyAttestation copies the record once and judges only the copy. A field is a getter or setter, a string-keyed property is not enumerable, the record is nested deeper than 32 levels, or reading it threw (a hostile Proxy). Such a record could show one value to the checks and another to the caller.",
    fix: "Pass the attestation as parsed from its JSON (JSON.parse) or exactly as executeFromSignals returned it.",
  },
  "INV-VERIFY-030": {
    title: "WebCrypto unavailable",
    cause:
      "@parmanasystems/verify found no globalThis.crypto.subtle on this platform (a very old browser or runtime, or a page served over plain http, where browsers hide WebCrypto).",
    fix: "Run on Node 20+, a current browser over https or file://, Deno, Bun or Cloudflare Workers.",
  },
  "INV-VERIFY-031": {
    title: "Option not supported by the portable verifier",
    cause:
      "@parmanasystems/verify was given an option it does not implement (policy or signals re-evaluation needs the policy compiler, which only @parmanasystems/core has), or an unknown option name.",
    fix: "Verify policy and signal bindings with verifyAttestation from @parmanasystems/core; check the option's spelling.",
  },
};
