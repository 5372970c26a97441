import { SIGNING_DOMAINS } from "@parmanasystems/core";
import { domainHash } from "../internal/domain-hash.js";
import type { ExecutionAuthority } from "./execution-authority.types.js";

/** The fields an authority's nonce is derived from. */
export type AuthorityNonceInput = Pick<
  ExecutionAuthority,
  | "executionId"
  | "attestationHash"
  | "authorizedAction"
  | "authorizedParametersHash"
  | "executorIdentity"
  | "issuedAt"
  | "expiresAt"
>;

/**
 * The authority nonce. The `nonce` wrapper keeps it apart from the authority hash (same domain):
 *
 * ```text
 * nonce = "sha256:" + hex(SHA-256(JCS({ domain: "PARMANA_AUTHORITY_V1", payload: { nonce: {
 *   executionId, attestationHash, authorizedAction, authorizedParametersHash, executorIdentity,
 *   issuedAt, expiresAt } } })))
 * ```
 */
export function deriveAuthorityNonce(input: AuthorityNonceInput): string {
  return domainHash(
    {
      nonce: {
        executionId: input.executionId,
        attestationHash: input.attestationHash,
        authorizedAction: input.authorizedAction,
        authorizedParametersHash: input.authorizedParametersHash,
        executorIdentity: input.executorIdentity,
        issuedAt: input.issuedAt,
        expiresAt: input.expiresAt,
      },
    },
    SIGNING_DOMAINS.authority,
  );
}

/**
 * The authority hash:
 *
 * ```text
 * authorityHash = "sha256:" + hex(SHA-256(JCS({ domain: "PARMANA_AUTHORITY_V1", payload: {
 *   authority: { executionId, attestationHash, authorizedAction, authorizedParametersHash,
 *   executorIdentity, nonce, issuedAt, expiresAt } } })))
 * ```
 */
export function computeAuthorityHash(authority: Omit<ExecutionAuthority, "authorityHash">): string {
  return domainHash(
    {
      authority: {
        executionId: authority.executionId,
        attestationHash: authority.attestationHash,
        authorizedAction: authority.authorizedAction,
        authorizedParametersHash: authority.authorizedParametersHash,
        executorIdentity: authority.executorIdentity,
        nonce: authority.nonce,
        issuedAt: authority.issuedAt,
        expiresAt: authority.expiresAt,
      },
    },
    SIGNING_DOMAINS.authority,
  );
}
