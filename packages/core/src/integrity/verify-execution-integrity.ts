import type { AsyncVerifier, SyncVerifier, Verifier } from "../crypto/signer.types.js";
import { OverrideError } from "../errors/parmana-error.js";
import { canonicalHash } from "../hashing/sha256.js";
import { callVerifier, inVerifierFlavour, messageOf } from "../override/internal/verifier-call.js";
import type { ExecutionIntegrityVerificationResult } from "./execution-integrity.types.js";
import {
  integrityHashOf,
  integritySigningInputOf,
  withinWindow,
} from "./internal/integrity-fields.js";
import { isIsoDateTime } from "../override/internal/iso-date-time.js";

const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  "executionId",
  "attestationHash",
  "authorizedAction",
  "executedAction",
  "payloadHash",
  "expectedPayloadHash",
  "maxDelaySeconds",
  "overrideHash",
  "integrityHash",
  "match",
  "matchDetails",
  "confirmedAt",
  "issuedAt",
  "signerKeyId",
  "signature",
]);
const DETAILS = [
  "actionMatches",
  "payloadMatches",
  "withinTimeWindow",
  "overrideSatisfied",
] as const;
const PREFIXED_HASH = /^sha256:[0-9a-f]{64}$/;

/**
 * Verifies an execution integrity proof: well formed, `integrityHash` recomputed from the bound
 * fields, `match` and each `matchDetails` member consistent with the recorded facts, and the
 * signature valid under `SIGNING_DOMAINS.audit` (a signature for any other domain fails). With
 * the attestation, also its binding: `attestationHash` is the attestation's hash, `executionId`
 * and `authorizedAction` are its own, and the time window and the need for an override are
 * recomputed from it. `valid` says the proof is authentic and consistent; whether the execution
 * matched is the proof's own `match`.
 *
 * Synchronous for a synchronous verifier, a Promise for an asynchronous one; never throws for a
 * bad proof.
 *
 * @param proof - the proof, or anything parsed from storage
 * @param verifier - verifies the proof's signature
 * @param attestation - the attestation the proof claims to confirm (recommended)
 * @returns `{ valid, errors }`, or a Promise of it for an asynchronous verifier
 * @throws OverrideError `SYS-029` when `verifier` has no verify method (misuse)
 * @example
 * ```ts
 * const { valid, errors } = verifyExecutionIntegrity(proof, new LocalVerifier(publicKey), attestation);
 * if (valid && proof.match) {
 *   // the action performed is the one the attestation authorised
 * }
 * ```
 */
export function verifyExecutionIntegrity(
  proof: unknown,
  verifier: SyncVerifier,
  attestation?: unknown,
): ExecutionIntegrityVerificationResult;
export function verifyExecutionIntegrity(
  proof: unknown,
  verifier: AsyncVerifier,
  attestation?: unknown,
): Promise<ExecutionIntegrityVerificationResult>;
export function verifyExecutionIntegrity(
  proof: unknown,
  verifier: Verifier,
  attestation?: unknown,
): ExecutionIntegrityVerificationResult | Promise<ExecutionIntegrityVerificationResult>;
export function verifyExecutionIntegrity(
  proof: unknown,
  verifier: Verifier,
  attestation?: unknown,
): ExecutionIntegrityVerificationResult | Promise<ExecutionIntegrityVerificationResult> {
  if (typeof verifier !== "object" || verifier === null || typeof verifier.verify !== "function") {
    throw new OverrideError(
      "SYS-029",
      "verifyExecutionIntegrity needs a verifier with a verify(payload, signature) method",
    );
  }
  const errors: string[] = [];
  let signingInput: string | undefined;
  let signature: string | undefined;
  try {
    if (!isObject(proof)) {
      errors.push("the proof must be a JSON object");
    } else {
      checkShape(proof, errors);
      checkConsistency(proof, errors);
      if (attestation !== undefined) checkBinding(proof, attestation, errors);
      if (typeof proof["signature"] === "string" && proof["signature"].length > 0) {
        signature = proof["signature"];
        signingInput = integritySigningInputOf(proof);
      }
    }
  } catch (error) {
    // Hostile getters, proxies and non-JSON values: report, never throw.
    errors.push(`the proof or attestation could not be read: ${messageOf(error)}`);
    signingInput = undefined;
  }
  if (signingInput === undefined || signature === undefined) {
    if (errors.length === 0) errors.push("the proof carries no signature");
    return inVerifierFlavour(verifier, { valid: false, errors });
  }
  return callVerifier(verifier, signingInput, signature, (answer) => {
    if (!answer.verified)
      errors.push(
        answer.problem ??
          "the proof's signature does not verify under the verifier's key and the audit signing domain",
      );
    return { valid: answer.verified && errors.length === 0, errors: [...errors] };
  });
}

function checkShape(proof: Record<string, unknown>, errors: string[]): void {
  for (const key of Object.keys(proof)) {
    if (!KNOWN_FIELDS.has(key)) errors.push(`unknown field ${JSON.stringify(key)} in the proof`);
  }
  for (const field of ["executionId", "authorizedAction", "signerKeyId", "signature"]) {
    if (typeof proof[field] !== "string" || (proof[field] as string).length === 0)
      errors.push(`${field} must be a non-empty string`);
  }
  for (const field of ["attestationHash", "integrityHash"]) {
    if (typeof proof[field] !== "string" || !PREFIXED_HASH.test(proof[field] as string))
      errors.push(`${field} must be "sha256:" and 64 lowercase hex characters`);
  }
  for (const field of ["payloadHash", "expectedPayloadHash", "overrideHash"]) {
    const value = proof[field];
    if (value !== null && (typeof value !== "string" || !PREFIXED_HASH.test(value)))
      errors.push(`${field} must be null or a "sha256:" hash`);
  }
  const delay = proof["maxDelaySeconds"];
  if (delay !== null && (typeof delay !== "number" || !Number.isFinite(delay) || delay < 0))
    errors.push("maxDelaySeconds must be null or a number >= 0");
  const action = proof["executedAction"];
  if (
    !isObject(action) ||
    typeof action["action"] !== "string" ||
    !isIsoDateTime(action["executedAt"]) ||
    Object.keys(action).length !== 2
  ) {
    errors.push("executedAction must be { action: string, executedAt: ISO-8601 time }");
  }
  if (typeof proof["match"] !== "boolean") errors.push("match must be a boolean");
  const details = proof["matchDetails"];
  if (
    !isObject(details) ||
    Object.keys(details).length !== DETAILS.length ||
    !DETAILS.every((name) => typeof details[name] === "boolean")
  ) {
    errors.push(`matchDetails must be { ${DETAILS.join(", ")} } of booleans`);
  }
  if (!isIsoDateTime(proof["confirmedAt"])) errors.push("confirmedAt must be an ISO-8601 time");
  if (proof["issuedAt"] !== proof["confirmedAt"]) errors.push("issuedAt must equal confirmedAt");
}

function checkConsistency(proof: Record<string, unknown>, errors: string[]): void {
  if (proof["integrityHash"] !== integrityHashOf(proof))
    errors.push("integrityHash does not match the proof's fields");
  const details = proof["matchDetails"];
  if (!isObject(details)) return;
  const all = DETAILS.every((name) => details[name] === true);
  if (proof["match"] !== all) errors.push("match disagrees with matchDetails");
  const action = proof["executedAction"];
  if (
    isObject(action) &&
    details["actionMatches"] !== (action["action"] === proof["authorizedAction"])
  ) {
    errors.push(
      "matchDetails.actionMatches disagrees with executedAction.action and authorizedAction",
    );
  }
  const expected = proof["expectedPayloadHash"];
  if (details["payloadMatches"] !== (expected === null || proof["payloadHash"] === expected)) {
    errors.push("matchDetails.payloadMatches disagrees with payloadHash and expectedPayloadHash");
  }
}

function checkBinding(
  proof: Record<string, unknown>,
  attestation: unknown,
  errors: string[],
): void {
  if (!isObject(attestation)) {
    errors.push("the attestation must be a JSON object");
    return;
  }
  if (proof["attestationHash"] !== canonicalHash(attestation))
    errors.push("attestationHash is not the hash of this attestation");
  if (proof["executionId"] !== attestation["executionId"])
    errors.push("executionId does not match the attestation");
  const decision = attestation["decision"];
  const decided = isObject(decision) ? decision["action"] : undefined;
  if (proof["authorizedAction"] !== decided)
    errors.push("authorizedAction is not the attestation's decision.action");
  const details = proof["matchDetails"];
  const action = proof["executedAction"];
  if (!isObject(details) || !isObject(action)) return;
  const issuedAt = attestation["issuedAt"];
  const delay = proof["maxDelaySeconds"];
  if (
    typeof issuedAt === "string" &&
    typeof action["executedAt"] === "string" &&
    (delay === null || typeof delay === "number")
  ) {
    if (details["withinTimeWindow"] !== withinWindow(issuedAt, action["executedAt"], delay)) {
      errors.push(
        "matchDetails.withinTimeWindow disagrees with the attestation's issuedAt, executedAt and maxDelaySeconds",
      );
    }
  }
  const pending =
    attestation["execution_state"] === "pending_override" ||
    (isObject(decision) && decision["requires_override"] === true);
  if (pending && details["overrideSatisfied"] === true && proof["overrideHash"] === null) {
    errors.push(
      "matchDetails.overrideSatisfied is true for a pending_override decision without an override record",
    );
  }
  if (!pending && proof["overrideHash"] === null && details["overrideSatisfied"] !== true) {
    errors.push("matchDetails.overrideSatisfied is false for a decision that needs no override");
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
