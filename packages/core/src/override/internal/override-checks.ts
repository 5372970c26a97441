// Platform-neutral (no node: import): the checks of verifyOverride, shared as source with
// @parmanasystems/verify. The attestation hash comes from the caller's `canonicalHash`.
import { canonicalize } from "../../canonical/canonicalize.js";
import type { OverrideVerificationResult } from "../override-record.types.js";
import { overrideSigningInput } from "../override-signing-input.js";
import { isIsoDateTime } from "../../internal/iso-date-time.js";
import type { VerifierAnswer } from "./verifier-call.js";
import { isObjectRecord, messageOf } from "../../internal/type-checks.js";

/** `"sha256:" + hex` of the RFC 8785 form of a value; throws for non-JSON. */
export type CanonicalHashFunction = (value: unknown) => string;

const STRING_FIELDS = [
  "overrideId",
  "executionId",
  "execution_fingerprint",
  "attestationHash",
  "resolved_by",
  "approver_role",
  "reason",
  "resolvedAt",
  "issuedAt",
  "policyId",
  "policyVersion",
  "signerKeyId",
  "signature",
] as const;
const KNOWN_FIELDS: ReadonlySet<string> = new Set<string>([
  ...STRING_FIELDS,
  "decision",
  "original_decision",
  "approved_by",
]);
const PREFIXED_HASH = /^sha256:[0-9a-f]{64}$/;

/** What the checks found before the signature is verified. @internal */
export interface Prepared {
  readonly wellFormed: boolean;
  readonly bound: boolean;
  readonly pending: boolean;
  readonly signingInput?: string;
  readonly signature?: string;
}

/**
 * Shape, binding and pending checks, and the signing input. May throw on hostile input (getters,
 * proxies): the caller reports that.
 *
 * @internal
 */
export function prepare(
  record: unknown,
  attestation: unknown,
  errors: string[],
  canonicalHash: CanonicalHashFunction,
): Prepared {
  if (!isObjectRecord(record)) {
    errors.push("the override record must be a JSON object");
    return { wellFormed: false, bound: false, pending: isPending(attestation, errors) };
  }
  const wellFormed = checkShape(record, errors);
  const bound = checkBinding(record, attestation, errors, canonicalHash);
  const pending = isPending(attestation, errors);
  const signature = record["signature"];
  if (typeof signature !== "string" || signature.length === 0)
    return { wellFormed, bound, pending };
  try {
    return { wellFormed, bound, pending, signingInput: overrideSigningInput(record), signature };
  } catch (error) {
    errors.push(`the override record is not plain JSON: ${messageOf(error)}`);
    return { wellFormed: false, bound, pending };
  }
}

/** Assembles the result. @internal */
export function finish(
  signatureVerified: boolean,
  bound: boolean,
  pending: boolean,
  errors: readonly string[],
  wellFormed = false,
): OverrideVerificationResult {
  const checks = {
    signature_verified: signatureVerified,
    bound_to_attestation: bound,
    attestation_pending: pending,
  };
  return {
    valid: wellFormed && signatureVerified && bound && pending,
    checks,
    errors: [...errors],
  };
}

function checkShape(record: Record<string, unknown>, errors: string[]): boolean {
  const before = errors.length;
  for (const field of STRING_FIELDS) {
    const value = record[field];
    if (typeof value !== "string" || value.length === 0)
      errors.push(`${field} must be a non-empty string`);
  }
  for (const key of Object.keys(record)) {
    if (!KNOWN_FIELDS.has(key))
      errors.push(`unknown field ${JSON.stringify(key)} in the override record`);
  }
  const decision = record["decision"];
  if (decision !== "approved" && decision !== "rejected")
    errors.push(`decision must be "approved" or "rejected"`);
  const approvedBy = record["approved_by"];
  if (decision === "approved" && approvedBy !== record["resolved_by"])
    errors.push("approved_by must equal resolved_by on an approval");
  if (decision === "rejected" && approvedBy !== undefined)
    errors.push("a rejection carries no approved_by");
  if (
    typeof record["attestationHash"] === "string" &&
    !PREFIXED_HASH.test(record["attestationHash"])
  ) {
    errors.push('attestationHash must be "sha256:" and 64 lowercase hex characters');
  }
  const resolvedAt = record["resolvedAt"];
  if (typeof resolvedAt === "string" && !isIsoDateTime(resolvedAt))
    errors.push("resolvedAt must be an ISO-8601 time");
  if (record["issuedAt"] !== resolvedAt) errors.push("issuedAt must equal resolvedAt");
  const original = record["original_decision"];
  if (
    !isObjectRecord(original) ||
    typeof original["action"] !== "string" ||
    typeof original["requires_override"] !== "boolean" ||
    typeof original["reason"] !== "string"
  ) {
    errors.push(
      "original_decision must be { action: string, requires_override: boolean, reason: string }",
    );
  }
  return errors.length === before;
}

function checkBinding(
  record: Record<string, unknown>,
  attestation: unknown,
  errors: string[],
  canonicalHash: CanonicalHashFunction,
): boolean {
  if (!isObjectRecord(attestation)) {
    errors.push("the attestation must be a JSON object");
    return false;
  }
  const before = errors.length;
  let hash: string | undefined;
  try {
    hash = canonicalHash(attestation);
  } catch (error) {
    errors.push(`the attestation is not plain JSON: ${messageOf(error)}`);
  }
  if (hash !== undefined && record["attestationHash"] !== hash)
    errors.push("attestationHash is not the hash of this attestation");
  for (const field of [
    "executionId",
    "execution_fingerprint",
    "policyId",
    "policyVersion",
  ] as const) {
    if (record[field] !== attestation[field])
      errors.push(`${field} does not match the attestation`);
  }
  if (
    canonicalOrUndefined(record["original_decision"]) !==
      canonicalOrUndefined(attestation["decision"]) ||
    !isObjectRecord(attestation["decision"])
  ) {
    errors.push("original_decision does not match the attestation's decision");
  }
  const resolvedAt = record["resolvedAt"];
  const issuedAt = attestation["issuedAt"];
  if (
    typeof resolvedAt === "string" &&
    typeof issuedAt === "string" &&
    isIsoDateTime(resolvedAt) &&
    Date.parse(resolvedAt) < Date.parse(issuedAt)
  ) {
    errors.push("resolvedAt is earlier than the attestation's issuedAt");
  }
  return errors.length === before;
}

function isPending(attestation: unknown, errors: string[]): boolean {
  if (!isObjectRecord(attestation)) return false;
  const decision = attestation["decision"];
  if (
    attestation["execution_state"] === "pending_override" &&
    isObjectRecord(decision) &&
    decision["requires_override"] === true
  )
    return true;
  errors.push(
    `the attestation is not pending override (execution_state ${JSON.stringify(attestation["execution_state"]) ?? "missing"})`,
  );
  return false;
}

function canonicalOrUndefined(value: unknown): string | undefined {
  try {
    return canonicalize(value);
  } catch {
    return undefined;
  }
}

/** The result once the verifier answered. @internal */
export function afterSignature(
  answer: VerifierAnswer,
  prepared: Prepared,
  errors: string[],
): OverrideVerificationResult {
  if (!answer.verified)
    errors.push(
      answer.problem ??
        "the override signature does not verify under the verifier's key and the override signing domain",
    );
  return finish(answer.verified, prepared.bound, prepared.pending, errors, prepared.wellFormed);
}
