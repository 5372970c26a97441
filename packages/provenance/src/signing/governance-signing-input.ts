import { ProvenanceError, SIGNING_DOMAINS, canonicalizeForSigning } from "@parmanasystems/core";
import { isKeyObject, type KeyObject } from "../internal/crypto.js";
import { describeKind } from "../internal/lifecycle-guards.js";
import type { GovernanceSigningDomain } from "./governance-signature.types.js";

const GOVERNANCE_DOMAINS: ReadonlySet<string> = new Set<string>([
  SIGNING_DOMAINS.governance,
  SIGNING_DOMAINS.lineage,
  SIGNING_DOMAINS.authority,
  SIGNING_DOMAINS.proofBundle,
  SIGNING_DOMAINS.receipt,
]);

/**
 * The domain to sign or verify under: the given one, or `governance` when absent. The default
 * is a domain no artifact verifier accepts, so a signature made without naming an artifact kind
 * can never be transplanted into a proof bundle, receipt, lineage checkpoint or authority.
 *
 * @throws ProvenanceError `PROV-024` for any other value
 */
export function resolveGovernanceDomain(
  domain: unknown,
  functionName: string,
): GovernanceSigningDomain {
  if (domain === undefined) return SIGNING_DOMAINS.governance;
  if (typeof domain !== "string" || !GOVERNANCE_DOMAINS.has(domain)) {
    throw new ProvenanceError(
      "PROV-024",
      `${functionName}: domain must be one of ${[...GOVERNANCE_DOMAINS].join(", ")}, got ${typeof domain === "string" ? JSON.stringify(domain) : describeKind(domain)}`,
    );
  }
  return domain as GovernanceSigningDomain;
}

/**
 * The exact bytes a governance signature covers:
 * `JCS({ domain, payload: { algorithm: "ed25519", keyId, payload } })`. The key id and
 * algorithm are inside the signed bytes, so relabelling a signature invalidates it, and the
 * domain keeps a lineage signature from verifying as a proof bundle's.
 */
export function governanceSigningInput(
  payload: string,
  keyId: string,
  domain: GovernanceSigningDomain,
): string {
  return canonicalizeForSigning({ algorithm: "ed25519", keyId, payload }, domain);
}

/**
 * Checks that a key is an Ed25519 KeyObject of the wanted type.
 *
 * @throws ProvenanceError `PROV-025` otherwise
 */
export function requireEd25519Key(
  key: unknown,
  type: "private" | "public",
  what: string,
): KeyObject {
  const reading = readKeyKind(key);
  if (reading === undefined) {
    throw new ProvenanceError(
      "PROV-025",
      `${what} must be an Ed25519 ${type} KeyObject, got ${describeKind(key)}`,
    );
  }
  if (reading.type !== type || reading.algorithm !== "ed25519") {
    throw new ProvenanceError(
      "PROV-025",
      `${what} must be an Ed25519 ${type} key, got a ${reading.algorithm} ${reading.type} key`,
      {
        details: { keyType: reading.type, algorithm: reading.algorithm },
      },
    );
  }
  return key as KeyObject;
}

/**
 * The type and algorithm of a KeyObject, read defensively: KeyObject members are prototype
 * getters, so a hostile look-alike could throw from them. Undefined for anything that is not a
 * KeyObject.
 */
export function readKeyKind(key: unknown): { type: string; algorithm: string } | undefined {
  try {
    if (!isKeyObject(key)) return undefined;
    const algorithm: unknown = key.asymmetricKeyType;
    return { type: key.type, algorithm: typeof algorithm === "string" ? algorithm : "unknown" };
  } catch {
    return undefined;
  }
}
