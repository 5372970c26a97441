import { attestationSigningInput } from "../../attestation/attestation-signing-input.js";
import type { ExecutionAttestation } from "../../attestation/attestation.types.js";
import type { Signer, Verifier } from "../../crypto/signer.types.js";
import { OverrideError, ParmanaError } from "../../errors/parmana-error.js";
import { canonicalHash } from "../../hashing/sha256.js";
import { randomUUID } from "../../internal/node-crypto.js";
import { type Clock, readClockInstant } from "../../internal/read-clock.js";
import { defaultPendingOverrideStore } from "../default-pending-override-store.js";
import type {
  OverrideDecision,
  OverrideOptions,
  OverrideRecord,
  OverrideRecordPayload,
} from "../override-record.types.js";
import { overrideSigningInput } from "../override-signing-input.js";
import type {
  PendingOverride,
  PendingOverrideReference,
  PendingOverrideStore,
} from "../pending-override.types.js";
import { askVerifier } from "./verifier-call.js";
import { isObjectRecord, isThenable, messageOf } from "../../internal/type-checks.js";

/** The checked arguments of one approval or rejection. */
interface Resolution {
  readonly decision: OverrideDecision;
  readonly reference: PendingOverrideReference;
  readonly resolvedBy: string;
  readonly role: string;
  readonly reason: string;
  readonly options: OverrideOptions;
}

const FINGERPRINT = /^[0-9a-f]{64}$/;

/**
 * Shared body of `approveOverride` and `rejectOverride`. Every refusal happens before anything
 * changes; the store is marked resolved only after the record is signed and self-verified, so a
 * failed signature leaves the decision pending.
 */
export async function resolveOverride(
  decision: OverrideDecision,
  byField: "approved_by" | "rejected_by",
  input: unknown,
  options: unknown,
): Promise<OverrideRecord> {
  let resolution: Resolution;
  try {
    resolution = checkArguments(decision, byField, input, options);
  } catch (error) {
    if (ParmanaError.isInstance(error)) throw error;
    // Getters and proxies that throw: a coded refusal, never a bare TypeError.
    throw new OverrideError(
      "SYS-024",
      `invalid override input: it could not be read (${messageOf(error)})`,
      { cause: error },
    );
  }
  const store = resolution.options.store ?? defaultPendingOverrideStore;
  const pending = await findPending(store, resolution);
  const attestation = pending.attestation;

  if (
    attestation.execution_state !== "pending_override" ||
    attestation.decision?.requires_override !== true
  ) {
    throw new OverrideError(
      "SYS-021",
      `execution ${attestation.executionId} is not pending override (execution_state "${String(attestation.execution_state)}"); only pending_override decisions can be ${decision}`,
      {
        details: {
          executionId: attestation.executionId,
          execution_state: attestation.execution_state,
        },
      },
    );
  }
  if (pending.resolved === true) throw alreadyResolved(attestation.executionId);
  checkRole(resolution, pending);

  const signer: Signer = resolution.options.signer ?? pending.signer;
  const verifier: Verifier = resolution.options.verifier ?? pending.verifier;
  const resolvedAt = readClock(resolution.options.clock);
  const overrideId = readId(resolution.options.generateId);
  const payload: OverrideRecordPayload = {
    overrideId,
    executionId: attestation.executionId,
    execution_fingerprint: attestation.execution_fingerprint,
    attestationHash: canonicalHash(attestation),
    decision,
    original_decision: {
      action: attestation.decision.action,
      requires_override: attestation.decision.requires_override,
      reason: attestation.decision.reason,
    },
    ...(decision === "approved" ? { approved_by: resolution.resolvedBy } : {}),
    resolved_by: resolution.resolvedBy,
    approver_role: resolution.role,
    reason: resolution.reason,
    resolvedAt,
    issuedAt: resolvedAt,
    policyId: attestation.policyId,
    policyVersion: attestation.policyVersion,
    signerKeyId:
      typeof signer.signerKeyId === "string" && signer.signerKeyId.length > 0
        ? signer.signerKeyId
        : "unspecified",
  };
  let signingInput: string;
  try {
    signingInput = overrideSigningInput(payload);
  } catch (error) {
    // Only the caller's strings can make this fail (a lone surrogate, for instance).
    throw new OverrideError("SYS-024", `invalid override input: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const signature = await signRecord(signer, signingInput, attestation.executionId);
  const answer = await askVerifier(verifier, signingInput, signature);
  if (!answer.verified) {
    throw new OverrideError(
      "SYS-025",
      `the override record for execution ${attestation.executionId} does not verify with the verifier${answer.problem === undefined ? " (signer and verifier hold different keys?)" : `: ${answer.problem}`}; nothing was resolved`,
      { details: { executionId: attestation.executionId } },
    );
  }

  // The one atomic step: of concurrent resolutions, exactly one gets true.
  if ((await store.markResolved(attestation.executionId)) !== true)
    throw alreadyResolved(attestation.executionId);
  return Object.freeze({
    ...payload,
    original_decision: Object.freeze(payload.original_decision),
    signature,
  });
}

async function findPending(
  store: PendingOverrideStore,
  resolution: Resolution,
): Promise<PendingOverride> {
  const { reference, options } = resolution;
  const found = await store.find(reference);
  const given = options.attestation;
  const describeRef = describeReference(reference);

  if (found !== undefined && found !== null) {
    if (!carriesReference(found.attestation, reference)) {
      throw new OverrideError(
        "SYS-026",
        `the store returned a decision that does not carry ${describeRef}`,
        {
          details: { ...reference, found: found.attestation?.executionId },
        },
      );
    }
    if (given !== undefined && hashOrUndefined(given) !== hashOrUndefined(found.attestation)) {
      throw new OverrideError(
        "SYS-026",
        `options.attestation differs from the attestation recorded for ${describeRef}; pass it exactly as executeFromSignals returned it`,
        { details: { ...reference } },
      );
    }
    return found;
  }

  if (given === undefined) {
    throw new OverrideError(
      "SYS-020",
      `no pending decision found for ${describeRef}; resolve it in the process that decided, pass the store that executeFromSignals recorded into (options.store), or pass options.attestation with options.signer and options.verifier`,
      { details: { ...reference } },
    );
  }
  if (options.signer === undefined || options.verifier === undefined) {
    throw new OverrideError(
      "SYS-020",
      `no pending decision found for ${describeRef}; to resolve it from options.attestation, also pass options.signer and options.verifier`,
      { details: { ...reference } },
    );
  }
  if (!carriesReference(given, reference)) {
    throw new OverrideError("SYS-026", `options.attestation does not carry ${describeRef}`, {
      details: { ...reference },
    });
  }
  let signingInput: string;
  try {
    signingInput = attestationSigningInput(given);
  } catch (error) {
    throw new OverrideError(
      "SYS-026",
      `options.attestation is not plain JSON: ${messageOf(error)}`,
      { cause: error },
    );
  }
  const answer = await askVerifier(
    options.verifier,
    signingInput,
    typeof given.signature === "string" ? given.signature : "",
  );
  if (!answer.verified) {
    throw new OverrideError(
      "SYS-026",
      `the signature of options.attestation does not verify with options.verifier${answer.problem === undefined ? "" : `: ${answer.problem}`}`,
      { details: { ...reference } },
    );
  }
  // The rule's override_roles were recorded only in the deciding process's store; without them
  // any role would pass. Fail closed: the caller names the roles the rule allows.
  if (options.allowedRoles === undefined && given.execution_state === "pending_override") {
    throw new OverrideError(
      "SYS-023",
      `no pending decision found for ${describeRef} in this store, so the rule's override_roles are unknown; pass options.allowedRoles (the roles the policy's rule allows) to resolve it from options.attestation`,
      { details: { ...reference, approver_role: resolution.role } },
    );
  }
  const pending: PendingOverride = {
    attestation: given,
    signer: options.signer,
    verifier: options.verifier,
    ruleId: "",
    ...(options.allowedRoles === undefined ? {} : { overrideRoles: [...options.allowedRoles] }),
  };
  // Recording first makes the once-per-execution rule hold for attestations passed in options too.
  await store.record(pending);
  const recorded = await store.find({ executionId: given.executionId });
  return recorded ?? pending;
}

function checkRole(resolution: Resolution, pending: PendingOverride): void {
  const { role } = resolution;
  const policyRoles = pending.overrideRoles;
  const callerRoles = resolution.options.allowedRoles;
  for (const [roles, source] of [
    [policyRoles, "the rule's override_roles"],
    [callerRoles, "options.allowedRoles"],
  ] as const) {
    if (roles !== undefined && !roles.includes(role)) {
      throw new OverrideError(
        "SYS-023",
        `approver_role "${role}" may not override execution ${pending.attestation.executionId}; allowed by ${source}: ${roles.length === 0 ? "none" : roles.join(", ")}`,
        { details: { approver_role: role, allowedRoles: [...roles], source } },
      );
    }
  }
}

async function signRecord(
  signer: Signer,
  signingInput: string,
  executionId: string,
): Promise<string> {
  let signature: unknown;
  try {
    signature = signer.sign(signingInput);
    if (isThenable(signature)) signature = await signature;
  } catch (error) {
    throw new OverrideError(
      "SYS-025",
      `signing the override record for execution ${executionId} failed: ${messageOf(error)}; nothing was resolved`,
      {
        cause: error,
        retryable: ParmanaError.isInstance(error) ? error.retryable : false,
        details: { executionId },
      },
    );
  }
  if (typeof signature !== "string" || signature.length === 0) {
    throw new OverrideError(
      "SYS-025",
      `the signer returned ${typeof signature === "string" ? "an empty string" : typeof signature} instead of a base64 signature; nothing was resolved`,
      { details: { executionId } },
    );
  }
  return signature;
}

function alreadyResolved(executionId: string): OverrideError {
  return new OverrideError(
    "SYS-022",
    `the override of execution ${executionId} was already resolved; an execution is approved or rejected once`,
    {
      details: { executionId },
    },
  );
}

function readClock(clock: Clock | undefined): string {
  const now = readClockInstant(clock, "date-or-epoch-ms");
  if (now === undefined) {
    throw new OverrideError(
      "SYS-024",
      "invalid override options: clock must return a valid Date or epoch milliseconds",
    );
  }
  return new Date(now).toISOString();
}

function readId(generateId: (() => string) | undefined): string {
  const id = generateId === undefined ? randomUUID() : generateId();
  if (typeof id !== "string" || id.length === 0) {
    throw new OverrideError(
      "SYS-024",
      "invalid override options: generateId must return a non-empty string",
    );
  }
  return id;
}

function carriesReference(
  attestation: ExecutionAttestation | undefined,
  reference: PendingOverrideReference,
): boolean {
  if (typeof attestation !== "object" || attestation === null) return false;
  if (reference.executionId !== undefined && attestation.executionId !== reference.executionId)
    return false;
  if (
    reference.execution_fingerprint !== undefined &&
    attestation.execution_fingerprint !== reference.execution_fingerprint
  )
    return false;
  return true;
}

function hashOrUndefined(value: unknown): string | undefined {
  try {
    return canonicalHash(value);
  } catch {
    return undefined;
  }
}

function describeReference(reference: PendingOverrideReference): string {
  const parts: string[] = [];
  if (reference.executionId !== undefined) parts.push(`executionId ${reference.executionId}`);
  if (reference.execution_fingerprint !== undefined)
    parts.push(`execution_fingerprint ${reference.execution_fingerprint}`);
  return parts.join(" and ");
}

function checkArguments(
  decision: OverrideDecision,
  byField: "approved_by" | "rejected_by",
  input: unknown,
  options: unknown,
): Resolution {
  const problems: string[] = [];
  const record = isObjectRecord(input) ? input : undefined;
  if (record === undefined)
    problems.push(
      `input must be an object { executionId | execution_fingerprint, ${byField}, approver_role, reason }`,
    );
  const executionId = record?.["executionId"];
  const fingerprint = record?.["execution_fingerprint"];
  if (executionId !== undefined && (typeof executionId !== "string" || executionId.length === 0)) {
    problems.push("executionId must be a non-empty string");
  }
  if (
    fingerprint !== undefined &&
    (typeof fingerprint !== "string" || !FINGERPRINT.test(fingerprint))
  ) {
    problems.push("execution_fingerprint must be 64 lowercase hex characters");
  }
  if (record !== undefined && executionId === undefined && fingerprint === undefined) {
    problems.push("one of executionId or execution_fingerprint is required");
  }
  for (const field of [byField, "approver_role", "reason"]) {
    const value = record?.[field];
    if (record !== undefined && (typeof value !== "string" || value.trim().length === 0)) {
      problems.push(
        `${field} must be a non-empty string${byField === "rejected_by" && field === byField && typeof record["approved_by"] === "string" ? " (rejectOverride takes rejected_by)" : ""}`,
      );
    }
  }
  const checkedOptions = checkOptions(options, problems);
  if (problems.length > 0) {
    throw new OverrideError("SYS-024", `invalid override input: ${problems.join("; ")}`, {
      details: { problems },
    });
  }
  const fields = record as Record<string, string>;
  return {
    decision,
    reference: {
      ...(executionId === undefined ? {} : { executionId: executionId as string }),
      ...(fingerprint === undefined ? {} : { execution_fingerprint: fingerprint as string }),
    },
    resolvedBy: fields[byField] as string,
    role: fields["approver_role"] as string,
    reason: fields["reason"] as string,
    options: checkedOptions,
  };
}

function checkOptions(options: unknown, problems: string[]): OverrideOptions {
  if (options === undefined) return {};
  if (!isObjectRecord(options)) {
    problems.push("options must be an object");
    return {};
  }
  const store = options["store"];
  if (
    store !== undefined &&
    !(
      isObjectRecord(store) &&
      ["record", "find", "markResolved"].every((name) => typeof store[name] === "function")
    )
  ) {
    problems.push("options.store must implement record, find and markResolved");
  }
  if (options["attestation"] !== undefined && !isObjectRecord(options["attestation"]))
    problems.push("options.attestation must be an attestation object");
  const signer = options["signer"];
  if (signer !== undefined && !(isObjectRecord(signer) && typeof signer["sign"] === "function"))
    problems.push("options.signer must have a sign(payload) method");
  const verifier = options["verifier"];
  if (
    verifier !== undefined &&
    !(isObjectRecord(verifier) && typeof verifier["verify"] === "function")
  ) {
    problems.push("options.verifier must have a verify(payload, signature) method");
  }
  for (const name of ["clock", "generateId"]) {
    if (options[name] !== undefined && typeof options[name] !== "function")
      problems.push(`options.${name} must be a function`);
  }
  const roles = options["allowedRoles"];
  if (
    roles !== undefined &&
    !(Array.isArray(roles) && roles.every((role) => typeof role === "string" && role.length > 0))
  ) {
    problems.push("options.allowedRoles must be an array of non-empty strings");
  }
  return options as OverrideOptions;
}
