import {
  describeKind,
  isNonEmptyString,
  isPlainRecord,
  isSha256Hash,
  ownValue,
  parseUtcTimestamp,
  unexpectedKeys,
} from "../internal/lifecycle-guards.js";
import { computeAuthorityHash, deriveAuthorityNonce } from "./authority-hashes.js";
import type { ExecutionAuthority } from "./execution-authority.types.js";

/** The fields of an {@link ExecutionAuthority}, in declaration order. */
export const AUTHORITY_KEYS: readonly string[] = [
  "executionId",
  "attestationHash",
  "authorizedAction",
  "authorizedParametersHash",
  "executorIdentity",
  "nonce",
  "issuedAt",
  "expiresAt",
  "authorityHash",
];

/** What inspecting an authority found. */
export interface AuthorityInspection {
  /** Structure and integrity problems; empty when the authority is intact. */
  readonly problems: string[];
  /** The authority, when its structure is sound. */
  readonly authority?: ExecutionAuthority;
  readonly issuedAtMs?: number;
  readonly expiresAtMs?: number;
}

/**
 * Checks an authority's structure and integrity (not executor or time): closed set of string
 * fields, hash formats, `expiresAt` after `issuedAt`, and that `nonce` and `authorityHash`
 * recompute. Never throws.
 */
export function inspectExecutionAuthority(value: unknown): AuthorityInspection {
  if (!isPlainRecord(value))
    return {
      problems: [`authority is ${describeKind(value)}, not an execution authority object`],
    };
  const problems: string[] = [];
  const extra = unexpectedKeys(value, AUTHORITY_KEYS);
  if (extra.length > 0) problems.push(`authority has unexpected field(s) ${extra.join(", ")}`);
  for (const key of ["executionId", "attestationHash", "authorizedAction", "executorIdentity"]) {
    if (!isNonEmptyString(ownValue(value, key)))
      problems.push(`authority.${key} is not a non-empty string`);
  }
  for (const key of ["authorizedParametersHash", "nonce", "authorityHash"]) {
    if (!isSha256Hash(ownValue(value, key)))
      problems.push(`authority.${key} is not a sha256: hash`);
  }
  const issuedAtMs = parseUtcTimestamp(ownValue(value, "issuedAt"));
  const expiresAtMs = parseUtcTimestamp(ownValue(value, "expiresAt"));
  if (issuedAtMs === undefined)
    problems.push("authority.issuedAt is not an ISO-8601 UTC timestamp");
  if (expiresAtMs === undefined)
    problems.push("authority.expiresAt is not an ISO-8601 UTC timestamp");
  if (issuedAtMs !== undefined && expiresAtMs !== undefined && expiresAtMs <= issuedAtMs) {
    problems.push("authority.expiresAt is not after issuedAt");
  }
  if (problems.length > 0) return { problems };

  const authority = value as unknown as ExecutionAuthority;
  const times = { issuedAtMs: issuedAtMs as number, expiresAtMs: expiresAtMs as number };
  let nonce: string;
  let authorityHash: string;
  try {
    nonce = deriveAuthorityNonce(authority);
    authorityHash = computeAuthorityHash(authority);
  } catch {
    return { problems: ["authority fields are not plain JSON strings"], ...times };
  }
  if (nonce !== authority.nonce)
    problems.push("authority.nonce does not match the authority's fields (tampered)");
  if (authorityHash !== authority.authorityHash) {
    problems.push("authority.authorityHash does not match the authority's fields (tampered)");
  }
  return { problems, authority, ...times };
}
