import {
  applySigningDomain,
  canonicalHash,
  canonicalize,
  type SigningDomain,
} from "@parmanasystems/core";

/**
 * `"sha256:" + hex(SHA-256(JCS({ domain, payload: value })))`: a content hash that carries its
 * artifact kind, so equal content hashed for two kinds (a lineage event and an authority) never
 * collides. Throws core's CanonicalizationError for values that are not plain JSON.
 */
export function domainHash(value: unknown, domain: SigningDomain): string {
  return canonicalHash(applySigningDomain(value, domain));
}

/**
 * Canonical JSON of a value, or undefined when it is not plain JSON. Used by verifiers, which
 * report rather than throw.
 */
export function tryCanonicalize(value: unknown): string | undefined {
  try {
    return canonicalize(value);
  } catch {
    return undefined;
  }
}
