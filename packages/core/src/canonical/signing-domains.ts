import { CanonicalizationError } from "../errors/parmana-error.js";
import { canonicalize } from "./canonicalize.js";

/**
 * One signing domain per kind of signed artifact, versioned. The domain is part of the signed
 * bytes, so a signature made for one kind never verifies as another.
 * `token` is the same domain as `attestation`: the product documents call the attestation
 * payload a token. `governance` is the generic domain of governance signatures made without a
 * named artifact kind: no artifact verifier accepts it, so such a signature can never stand in
 * for an attestation, override, bundle, proof bundle or any other artifact.
 */
export const SIGNING_DOMAINS: {
  readonly attestation: "PARMANA_ATTESTATION_V1";
  readonly token: "PARMANA_ATTESTATION_V1";
  readonly override: "PARMANA_OVERRIDE_V1";
  readonly audit: "PARMANA_AUDIT_V1";
  readonly manifest: "PARMANA_MANIFEST_V1";
  readonly runtime: "PARMANA_RUNTIME_V1";
  readonly release: "PARMANA_RELEASE_V1";
  readonly trustRoot: "PARMANA_TRUST_ROOT_V1";
  readonly receipt: "PARMANA_RECEIPT_V1";
  readonly lineage: "PARMANA_LINEAGE_V1";
  readonly authority: "PARMANA_AUTHORITY_V1";
  readonly proofBundle: "PARMANA_PROOF_BUNDLE_V1";
  readonly governance: "PARMANA_GOVERNANCE_V1";
} = Object.freeze({
  attestation: "PARMANA_ATTESTATION_V1",
  token: "PARMANA_ATTESTATION_V1",
  override: "PARMANA_OVERRIDE_V1",
  audit: "PARMANA_AUDIT_V1",
  manifest: "PARMANA_MANIFEST_V1",
  runtime: "PARMANA_RUNTIME_V1",
  release: "PARMANA_RELEASE_V1",
  trustRoot: "PARMANA_TRUST_ROOT_V1",
  receipt: "PARMANA_RECEIPT_V1",
  lineage: "PARMANA_LINEAGE_V1",
  authority: "PARMANA_AUTHORITY_V1",
  proofBundle: "PARMANA_PROOF_BUNDLE_V1",
  governance: "PARMANA_GOVERNANCE_V1",
} as const);

/** One of the domain strings of {@link SIGNING_DOMAINS}. */
export type SigningDomain = (typeof SIGNING_DOMAINS)[keyof typeof SIGNING_DOMAINS];

/** The envelope that is canonicalised and signed: the domain travels inside the signed bytes. */
export interface SigningEnvelope<T = unknown> {
  readonly domain: SigningDomain;
  readonly payload: T;
}

const KNOWN_DOMAINS: ReadonlySet<string> = new Set(Object.values(SIGNING_DOMAINS));

/**
 * Wraps a value in its signing envelope `{ domain, payload }`.
 *
 * @param value - the payload to be signed
 * @param domain - a value of {@link SIGNING_DOMAINS}
 * @returns the envelope
 * @throws CanonicalizationError `CANONICAL-009` when `domain` is not a known signing domain
 */
export function applySigningDomain<T>(value: T, domain: SigningDomain): SigningEnvelope<T> {
  if (typeof domain !== "string" || !KNOWN_DOMAINS.has(domain)) {
    // Never String(domain): an array or Proxy could recurse or throw while being described.
    const shown = typeof domain === "string" ? domain.slice(0, 80) : `a ${typeof domain}`;
    throw new CanonicalizationError("CANONICAL-009", `unknown signing domain: ${shown}`, {
      details: { domain },
    });
  }
  return { domain, payload: value };
}

/**
 * The exact string that is signed for an artifact: the RFC 8785 form of
 * `{ domain, payload: value }`, itself JCS JSON that any JCS implementation reproduces.
 *
 * @param value - the payload (for an attestation, every field except `signature`)
 * @param domain - a value of {@link SIGNING_DOMAINS}
 * @returns canonical JSON text to sign as UTF-8
 * @throws CanonicalizationError for an unknown domain or a payload that is not plain JSON
 * @example
 * ```ts
 * const signingInput = canonicalizeForSigning(token, SIGNING_DOMAINS.token);
 * const signature = signer.sign(signingInput);
 * ```
 */
export function canonicalizeForSigning(value: unknown, domain: SigningDomain): string {
  return canonicalize(applySigningDomain(value, domain));
}
