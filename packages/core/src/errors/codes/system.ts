import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `SYS-` codes: execution-time system failures and overrides. */
export const SYSTEM_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  "SYS-006": {
    title: "No rule matched",
    cause:
      "The signals are valid but no rule of the policy matched them; no decision and no attestation are produced.",
    fix: 'Add a catch-all rule ({ "all": [] }) at the end of the policy; compilePolicy warns POL-021 when there is none.',
  },
  "SYS-020": {
    title: "Pending decision not found",
    cause:
      "approveOverride/rejectOverride found no pending decision with the given executionId or execution_fingerprint in the pending-override store (it was decided in another process, evicted, or never required an override), and no attestation was passed in options.",
    fix: "Call it in the process that decided, pass a shared PendingOverrideStore in options.store, or pass options.attestation with options.signer and options.verifier.",
  },
  "SYS-021": {
    title: "Decision is not pending override",
    cause:
      'The referenced attestation has execution_state "completed" (decision.requires_override is false); only pending_override decisions can be approved or rejected.',
    fix: "Act on the decision as attested; overrides exist only for decisions that require one.",
  },
  "SYS-022": {
    title: "Override already resolved",
    cause:
      "The decision was already approved or rejected; an execution is resolved once (approve or reject), and of concurrent resolutions exactly one succeeds.",
    fix: "Use the override record of the first resolution; a second opinion is a new business case, not a second override.",
  },
  "SYS-023": {
    title: "Approver role not allowed",
    cause:
      "approver_role is not one of the roles the matched rule allows to override (the policy's override_roles), or not one of options.allowedRoles.",
    fix: "Have someone with an allowed role resolve the override, or change the policy's override_roles in a new policy version.",
  },
  "SYS-024": {
    title: "Invalid override input",
    cause:
      "The input or options of approveOverride/rejectOverride are malformed: neither executionId nor execution_fingerprint, an empty approver, role or reason, a value that is not a string, or an option of the wrong shape; also verifyOverride or MemoryPendingOverrideStore called with unusable arguments (no verifier, a bad maxSize, a malformed pending decision).",
    fix: "Pass { executionId | execution_fingerprint, approved_by (rejected_by for rejectOverride), approver_role, reason } with non-empty strings; details.problems lists every problem.",
  },
  "SYS-025": {
    title: "Override or integrity proof signing failed",
    cause:
      "The signer threw or returned no signature, or the fresh signature of an override record or execution integrity proof did not verify with the verifier (a signer and verifier with different keys). Nothing was resolved or returned.",
    fix: "Check that the signer and verifier hold the same key pair and that the key service is reachable; the error's cause holds the signer's error.",
  },
  "SYS-026": {
    title: "Attestation does not match the pending decision",
    cause:
      "options.attestation differs from the attestation recorded for that execution, does not carry the given executionId/execution_fingerprint, or (when nothing was recorded) its signature does not verify with the verifier.",
    fix: "Pass the attestation exactly as executeFromSignals returned it (any edit changes its hash), or omit options.attestation to use the recorded one.",
  },
  "SYS-027": {
    title: "Pending-override store full",
    cause:
      "MemoryPendingOverrideStore holds maxSize unresolved decisions; resolved entries are evicted first, unresolved ones never are, so the new pending decision was refused (and executeFromSignals returned no attestation).",
    fix: "Resolve pending decisions, raise maxSize, or use a database-backed PendingOverrideStore.",
  },
  "SYS-028": {
    title: "Ambiguous pending-override reference",
    cause:
      "The execution_fingerprint matches several unresolved pending decisions (same policy and signals under different executionIds), or an executionId is already recorded for a different attestation that was resolved or belongs to another policy (an unresolved one of the same policy is a retry after a failed attempt and is replaced).",
    fix: "Refer to the decision by executionId; give each business transaction its own executionId.",
  },
  "SYS-029": {
    title: "Invalid execution confirmation input",
    cause:
      "confirmExecution got an attestation that is not a JSON object with executionId, issuedAt and decision, an executedAction without a non-empty action or an ISO-8601 executedAt, a payload that is not plain JSON, or options of the wrong shape; also verifyExecutionIntegrity called without a verifier.",
    fix: "Pass the attestation, { action, payload?, executedAt } with executedAt from Date.toISOString(), and { signer, verifier }; details.problems lists every problem.",
  },
  "SYS-030": {
    title: "Key file unreadable",
    cause:
      "LocalSigner.fromFile could not read the private key file (missing, a directory, no permission), or it is larger than a key file can be.",
    fix: "Check the path (relative paths are resolved against the working directory) and the file's permissions.",
  },
  "SYS-031": {
    title: "Malformed key.json",
    cause:
      "The key.json beside the key file (written by `parmana keygen`) is not a JSON object with a string keyId, or names a public key file that is not this key's.",
    fix: "Regenerate it with `parmana keygen --key-id <id>`, remove it, or pass { keyId } explicitly.",
  },
};
