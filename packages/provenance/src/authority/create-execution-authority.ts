import { ProvenanceError, canonicalHash } from "@parmanasystems/core";
import {
  describeKind,
  hasOwn,
  isNonEmptyString,
  isPlainRecord,
  messageOf,
  ownValue,
  parseUtcTimestamp,
  unexpectedKeys,
} from "../internal/lifecycle-guards.js";
import { computeAuthorityHash, deriveAuthorityNonce } from "./authority-hashes.js";
import type {
  CreateExecutionAuthorityInput,
  ExecutionAuthority,
} from "./execution-authority.types.js";

const INPUT_KEYS: readonly string[] = [
  "executionId",
  "attestationHash",
  "authorizedAction",
  "authorizedParameters",
  "executorIdentity",
  "ttlSeconds",
  "issuedAt",
];

/** Longest lifetime accepted: an authority is a short-lived, single-use token. */
const MAX_TTL_SECONDS = 31_536_000;

/**
 * Creates a deterministic, time-bounded execution authority.
 *
 * - `authorizedParametersHash = canonicalHash(authorizedParameters)`;
 * - `expiresAt = issuedAt + ttlSeconds` (rounded to whole milliseconds, `toISOString` form);
 *   the authority is valid while `currentTime < expiresAt`, expired from `expiresAt` on;
 * - `nonce` is derived, not random: the domain-separated hash (`PARMANA_AUTHORITY_V1`) of
 *   `{ nonce: { ... } }` over `executionId`, `attestationHash`, `authorizedAction`,
 *   `authorizedParametersHash`, `executorIdentity`, `issuedAt` and `expiresAt`;
 * - `authorityHash` is the domain-separated hash of `{ authority: { ...every field but itself } }`.
 *
 * The same input always gives the same authority; replay safety comes from consuming it once
 * (`consumeExecutionAuthority`).
 *
 * @param input - the execution, action, parameters, executor, `ttlSeconds` and `issuedAt`
 * @returns the authority
 * @throws ProvenanceError `PROV-022` when a field is missing or malformed (empty identifiers,
 *   parameters not plain JSON, ttlSeconds not in (0, 31536000], issuedAt not ISO-8601 UTC)
 * @example
 * ```ts
 * const authority = createExecutionAuthority({
 *   executionId: "loan-42",
 *   attestationHash,
 *   authorizedAction: "disburse",
 *   authorizedParameters: { amount: 250000, currency: "INR" },
 *   executorIdentity: "disbursement-service",
 *   ttlSeconds: 300,
 *   issuedAt: "2024-05-01T10:00:00.000Z",
 * });
 * ```
 */
export function createExecutionAuthority(input: CreateExecutionAuthorityInput): ExecutionAuthority {
  if (!isPlainRecord(input)) fail(`input must be a plain object, got ${describeKind(input)}`);
  const extra = unexpectedKeys(input, INPUT_KEYS);
  if (extra.length > 0) fail(`unknown input field(s) ${extra.join(", ")}`);
  const fields: Record<string, string> = {};
  for (const key of ["executionId", "attestationHash", "authorizedAction", "executorIdentity"]) {
    const value = ownValue(input, key);
    if (!isNonEmptyString(value))
      fail(`${key} must be a non-empty string, got ${describeKind(value)}`);
    fields[key] = value;
  }
  if (
    !hasOwn(input, "authorizedParameters") ||
    ownValue(input, "authorizedParameters") === undefined
  ) {
    fail("authorizedParameters is required (any plain JSON value; use null for none)");
  }
  const ttlSeconds = ownValue(input, "ttlSeconds");
  if (
    typeof ttlSeconds !== "number" ||
    !Number.isFinite(ttlSeconds) ||
    ttlSeconds <= 0 ||
    ttlSeconds > MAX_TTL_SECONDS
  ) {
    fail(
      `ttlSeconds must be a number in (0, ${MAX_TTL_SECONDS}], got ${typeof ttlSeconds === "number" ? String(ttlSeconds) : describeKind(ttlSeconds)}`,
    );
  }
  const ttlMs = Math.round(ttlSeconds * 1000);
  if (ttlMs < 1) fail("ttlSeconds must be at least one millisecond (0.001)");
  const issuedAt = ownValue(input, "issuedAt");
  const issuedAtMs = parseUtcTimestamp(issuedAt);
  if (issuedAtMs === undefined)
    fail("issuedAt must be an ISO-8601 UTC timestamp such as 2024-05-01T10:00:00.000Z");
  const expiresAt = new Date(issuedAtMs + ttlMs).toISOString();
  if (parseUtcTimestamp(expiresAt) === undefined) fail("issuedAt + ttlSeconds is past year 9999");

  let authorizedParametersHash: string;
  let nonce: string;
  let authorityHash: string;
  try {
    authorizedParametersHash = canonicalHash(ownValue(input, "authorizedParameters"));
  } catch (cause) {
    fail(`authorizedParameters is not plain JSON: ${messageOf(cause)}`, cause);
  }
  const body = {
    executionId: fields["executionId"] as string,
    attestationHash: fields["attestationHash"] as string,
    authorizedAction: fields["authorizedAction"] as string,
    authorizedParametersHash,
    executorIdentity: fields["executorIdentity"] as string,
    issuedAt: issuedAt as string,
    expiresAt,
  };
  try {
    nonce = deriveAuthorityNonce(body);
    authorityHash = computeAuthorityHash({ ...body, nonce });
  } catch (cause) {
    // Only strings remain at this point; a lone surrogate is what canonicalize can still refuse.
    fail(`an identifier is not valid Unicode text: ${messageOf(cause)}`, cause);
  }
  return {
    executionId: body.executionId,
    attestationHash: body.attestationHash,
    authorizedAction: body.authorizedAction,
    authorizedParametersHash,
    executorIdentity: body.executorIdentity,
    nonce,
    issuedAt: body.issuedAt,
    expiresAt,
    authorityHash,
  };
}

function fail(message: string, cause?: unknown): never {
  throw new ProvenanceError(
    "PROV-022",
    `createExecutionAuthority: ${message}`,
    cause === undefined ? {} : { cause },
  );
}
