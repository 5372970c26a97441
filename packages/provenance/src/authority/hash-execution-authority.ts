import { ProvenanceError } from "@parmanasystems/core";
import {
  describeKind,
  isNonEmptyString,
  isPlainRecord,
  isSha256Hash,
  ownValue,
  parseUtcTimestamp,
} from "../internal/lifecycle-guards.js";
import { computeAuthorityHash } from "./authority-hashes.js";
import type { ExecutionAuthority } from "./execution-authority.types.js";

/**
 * The `authorityHash` of an authority: the domain-separated hash (`PARMANA_AUTHORITY_V1`) of
 * `{ authority: { ... } }` over `executionId`, `attestationHash`, `authorizedAction`,
 * `authorizedParametersHash`, `executorIdentity`, `nonce`, `issuedAt` and `expiresAt`. An
 * `authorityHash` member of the argument is ignored, so
 * `hashExecutionAuthority(a) === a.authorityHash` holds for an intact authority.
 *
 * @param authority - the authority without (or with) its `authorityHash`
 * @returns `"sha256:<hex>"`
 * @throws ProvenanceError `PROV-023` when a field is missing or malformed
 * @example
 * ```ts
 * hashExecutionAuthority(authority) === authority.authorityHash; // true unless tampered
 * ```
 */
export function hashExecutionAuthority(
  authority: Omit<ExecutionAuthority, "authorityHash">,
): string {
  if (!isPlainRecord(authority))
    fail(`authority must be a plain object, got ${describeKind(authority)}`);
  for (const key of ["executionId", "attestationHash", "authorizedAction", "executorIdentity"]) {
    if (!isNonEmptyString(ownValue(authority, key))) fail(`${key} must be a non-empty string`);
  }
  for (const key of ["authorizedParametersHash", "nonce"]) {
    if (!isSha256Hash(ownValue(authority, key))) fail(`${key} must be a sha256: hash`);
  }
  for (const key of ["issuedAt", "expiresAt"]) {
    if (parseUtcTimestamp(ownValue(authority, key)) === undefined)
      fail(`${key} must be an ISO-8601 UTC timestamp`);
  }
  try {
    return computeAuthorityHash(authority);
  } catch (cause) {
    return fail("a field is not valid Unicode text", cause);
  }
}

function fail(message: string, cause?: unknown): never {
  throw new ProvenanceError(
    "PROV-023",
    `hashExecutionAuthority: ${message}`,
    cause === undefined ? {} : { cause },
  );
}
