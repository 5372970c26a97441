import { SIGNING_DOMAINS, type SigningDomain } from "../canonical/signing-domains.js";
import type { TrustKeyPurpose } from "./trust-root.types.js";

/** Every key purpose a trust root may name. */
export const TRUST_KEY_PURPOSES: readonly TrustKeyPurpose[] = Object.freeze([
  "attestation",
  "manifest",
  "bundle",
  "override",
  "audit",
  "runtime",
  "release",
  "trust-root",
  "receipt",
  "lineage",
  "authority",
  "proof-bundle",
]);

const PURPOSES_BY_DOMAIN: ReadonlyMap<string, readonly TrustKeyPurpose[]> = new Map<
  SigningDomain,
  readonly TrustKeyPurpose[]
>([
  [SIGNING_DOMAINS.attestation, ["attestation"]],
  [SIGNING_DOMAINS.override, ["override"]],
  [SIGNING_DOMAINS.audit, ["audit"]],
  [SIGNING_DOMAINS.manifest, ["manifest", "bundle"]],
  [SIGNING_DOMAINS.runtime, ["runtime"]],
  [SIGNING_DOMAINS.release, ["release"]],
  [SIGNING_DOMAINS.trustRoot, ["trust-root"]],
  [SIGNING_DOMAINS.receipt, ["receipt"]],
  [SIGNING_DOMAINS.lineage, ["lineage"]],
  [SIGNING_DOMAINS.authority, ["authority"]],
  [SIGNING_DOMAINS.proofBundle, ["proof-bundle"]],
]);

/**
 * The key purposes that may sign artifacts of a signing domain: a key is chosen for a
 * signature only when it has one of them.
 *
 * @param domain - a value of `SIGNING_DOMAINS`
 * @returns the purposes, or an empty list for an unknown domain
 * @example
 * ```ts
 * purposesForDomain(SIGNING_DOMAINS.manifest); // ["manifest", "bundle"]
 * ```
 */
export function purposesForDomain(domain: string): readonly TrustKeyPurpose[] {
  return PURPOSES_BY_DOMAIN.get(domain) ?? [];
}
