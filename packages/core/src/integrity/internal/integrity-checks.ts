// Platform-neutral (no node: import): the checks of verifyExecutionIntegrity, shared as source
// with @parmanasystems/verify. Hashes come from the caller's `canonicalHash`.
import { isIsoDateTime } from "../../internal/iso-date-time.js";
import type { CanonicalHashFunction } from "../../override/internal/override-checks.js";
import type { VerifierAnswer } from "../../override/internal/verifier-call.js";
import { isObjectRecord, messageOf } from "../../internal/type-checks.js";
import type { ExecutionIntegrityVerificationResult } from "../execution-integrity.types.js";
import { integrityHashInput, integritySigningInputOf, withinWindow } from "./integrity-fields.js";

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

/** Members, types and formats. @internal */
export function checkShape(proof: Record<string, unknown>, errors: string[]): void {
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
    !isObjectRecord(action) ||
    typeof action["action"] !== "string" ||
    !isIsoDateTime(action["executedAt"]) ||
    Object.keys(action).length !== 2
  ) {
    errors.push("executedAction must be { action: string, executedAt: ISO-8601 time }");
  }
  if (typeof proof["match"] !== "boolean") errors.push("match must be a boolean");
  const details = proof["matchDetails"];
  if (
    !isObjectRecord(details) ||
    Object.keys(details).length !== DETAILS.length ||
    !DETAILS.every((name) => typeof details[name] === "boolean")
  ) {
    errors.push(`matchDetails must be { ${DETAILS.join(", ")} } of booleans`);
  }
  if (!isIsoDateTime(proof["confirmedAt"])) errors.push("confirmedAt must be an ISO-8601 time");
  if (proof["issuedAt"] !== proof["confirmedAt"]) errors.push("issuedAt must equal confirmedAt");
}

/** integrityHash and match against the recorded facts. @internal */
export function checkConsistency(
  proof: Record<string, unknown>,
  errors: string[],
  canonicalHash: CanonicalHashFunction,
): void {
  if (proof["integrityHash"] !== canonicalHash(integrityHashInput(proof)))
    errors.push("integrityHash does not match the proof's fields");
  const details = proof["matchDetails"];
  if (!isObjectRecord(details)) return;
  const all = DETAILS.every((name) => details[name] === true);
  if (proof["match"] !== all) errors.push("match disagrees with matchDetails");
  const action = proof["executedAction"];
  if (
    isObjectRecord(action) &&
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

/** The binding to the attestation the proof claims to confirm. @internal */
export function checkBinding(
  proof: Record<string, unknown>,
  attestation: unknown,
  errors: string[],
  canonicalHash: CanonicalHashFunction,
): void {
  if (!isObjectRecord(attestation)) {
    errors.push("the attestation must be a JSON object");
    return;
  }
  if (proof["attestationHash"] !== canonicalHash(attestation))
    errors.push("attestationHash is not the hash of this attestation");
  if (proof["executionId"] !== attestation["executionId"])
    errors.push("executionId does not match the attestation");
  const decision = attestation["decision"];
  const decided = isObjectRecord(decision) ? decision["action"] : undefined;
  if (proof["authorizedAction"] !== decided)
    errors.push("authorizedAction is not the attestation's decision.action");
  const details = proof["matchDetails"];
  const action = proof["executedAction"];
  if (!isObjectRecord(details) || !isObjectRecord(action)) return;
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
    (isObjectRecord(decision) && decision["requires_override"] === true);
  if (pending && details["overrideSatisfied"] === true && proof["overrideHash"] === null) {
    errors.push(
      "matchDetails.overrideSatisfied is true for a pending_override decision without an override record",
    );
  }
  if (!pending && proof["overrideHash"] === null && details["overrideSatisfied"] !== true) {
    errors.push("matchDetails.overrideSatisfied is false for a decision that needs no override");
  }
}

/**
 * Every check short of the signature; the signing input and signature when there is one to
 * verify. Never throws: hostile getters, proxies and non-JSON values are reported.
 *
 * @internal
 */
export function prepareIntegrity(
  proof: unknown,
  attestation: unknown,
  errors: string[],
  canonicalHash: CanonicalHashFunction,
): { signingInput?: string; signature?: string } {
  let signingInput: string | undefined;
  let signature: string | undefined;
  try {
    if (!isObjectRecord(proof)) {
      errors.push("the proof must be a JSON object");
    } else {
      checkShape(proof, errors);
      checkConsistency(proof, errors, canonicalHash);
      if (attestation !== undefined) checkBinding(proof, attestation, errors, canonicalHash);
      if (typeof proof["signature"] === "string" && proof["signature"].length > 0) {
        signature = proof["signature"];
        signingInput = integritySigningInputOf(proof);
      }
    }
  } catch (error) {
    errors.push(`the proof or attestation could not be read: ${messageOf(error)}`);
    signingInput = undefined;
  }
  if ((signingInput === undefined || signature === undefined) && errors.length === 0)
    errors.push("the proof carries no signature");
  return signingInput === undefined || signature === undefined ? {} : { signingInput, signature };
}

/** The result once the verifier answered. @internal */
export function afterIntegritySignature(
  answer: VerifierAnswer,
  errors: string[],
): ExecutionIntegrityVerificationResult {
  if (!answer.verified)
    errors.push(
      answer.problem ??
        "the proof's signature does not verify under the verifier's key and the audit signing domain",
    );
  return { valid: answer.verified && errors.length === 0, errors: [...errors] };
}
