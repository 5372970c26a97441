import { canonicalize } from "../canonical/canonicalize.js";
import type { AsyncVerifier, SyncVerifier, Verifier } from "../crypto/signer.types.js";
import { OverrideError } from "../errors/parmana-error.js";
import { canonicalHash } from "../hashing/sha256.js";
import { isIsoDateTime } from "./internal/iso-date-time.js";
import {
  callVerifier,
  inVerifierFlavour,
  messageOf,
  type VerifierAnswer,
} from "./internal/verifier-call.js";
import type { OverrideVerificationResult } from "./override-record.types.js";
import { overrideSigningInput } from "./override-signing-input.js";

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

/**
 * Verifies an override record (approval or rejection) against the attestation it resolves.
 * Three checks: `signature_verified` (the signature verifies under `SIGNING_DOMAINS.override`;
 * a signature made for any other domain fails), `bound_to_attestation` (`attestationHash` is the
 * hash of this attestation, signature included, and `executionId`, `execution_fingerprint`,
 * `policyId`, `policyVersion` and `original_decision` match it, and the resolution is not older
 * than the decision) and `attestation_pending` (the attestation was `pending_override`). `valid`
 * only when all three pass and the record is well formed. It does not check the attestation's own
 * signature: use `verifyAttestation` for that.
 *
 * Synchronous for a synchronous verifier, a Promise for an asynchronous one. Never throws for a
 * bad record or attestation: it reports.
 *
 * @param record - the override record, or anything parsed from storage
 * @param attestation - the original attestation
 * @param verifier - verifies the record's signature (the override signer's key)
 * @returns the result, or a Promise of it for an asynchronous verifier
 * @throws OverrideError `SYS-024` when `verifier` has no verify method (misuse, not a bad record)
 * @example
 * ```ts
 * const result = verifyOverride(override, attestation, new LocalVerifier(publicKey));
 * result.valid;  // true
 * result.checks; // { signature_verified: true, bound_to_attestation: true, attestation_pending: true }
 * ```
 */
export function verifyOverride(
  record: unknown,
  attestation: unknown,
  verifier: SyncVerifier,
): OverrideVerificationResult;
export function verifyOverride(
  record: unknown,
  attestation: unknown,
  verifier: AsyncVerifier,
): Promise<OverrideVerificationResult>;
export function verifyOverride(
  record: unknown,
  attestation: unknown,
  verifier: Verifier,
): OverrideVerificationResult | Promise<OverrideVerificationResult>;
export function verifyOverride(
  record: unknown,
  attestation: unknown,
  verifier: Verifier,
): OverrideVerificationResult | Promise<OverrideVerificationResult> {
  if (typeof verifier !== "object" || verifier === null || typeof verifier.verify !== "function") {
    throw new OverrideError(
      "SYS-024",
      "verifyOverride needs a verifier with a verify(payload, signature) method",
    );
  }
  const errors: string[] = [];
  let prepared: Prepared;
  try {
    prepared = prepare(record, attestation, errors);
  } catch (error) {
    // Hostile getters and proxies: report, never throw.
    errors.push(`the override record or attestation could not be read: ${messageOf(error)}`);
    return inVerifierFlavour(verifier, finish(false, false, false, errors));
  }
  if (prepared.signingInput === undefined || prepared.signature === undefined) {
    return inVerifierFlavour(
      verifier,
      finish(false, prepared.bound, prepared.pending, errors, prepared.wellFormed),
    );
  }
  const { bound, pending, wellFormed } = prepared;
  return callVerifier(
    verifier,
    prepared.signingInput,
    prepared.signature,
    (answer: VerifierAnswer) => {
      if (!answer.verified)
        errors.push(
          answer.problem ??
            "the override signature does not verify under the verifier's key and the override signing domain",
        );
      return finish(answer.verified, bound, pending, errors, wellFormed);
    },
  );
}

interface Prepared {
  readonly wellFormed: boolean;
  readonly bound: boolean;
  readonly pending: boolean;
  readonly signingInput?: string;
  readonly signature?: string;
}

function prepare(record: unknown, attestation: unknown, errors: string[]): Prepared {
  if (!isRecord(record)) {
    errors.push("the override record must be a JSON object");
    return { wellFormed: false, bound: false, pending: isPending(attestation, errors) };
  }
  const wellFormed = checkShape(record, errors);
  const bound = checkBinding(record, attestation, errors);
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

function finish(
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
    !isRecord(original) ||
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
): boolean {
  if (!isRecord(attestation)) {
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
    !isRecord(attestation["decision"])
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
  if (!isRecord(attestation)) return false;
  const decision = attestation["decision"];
  if (
    attestation["execution_state"] === "pending_override" &&
    isRecord(decision) &&
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
