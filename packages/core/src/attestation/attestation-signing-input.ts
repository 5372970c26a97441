import { canonicalizeForSigning, SIGNING_DOMAINS } from "../canonical/signing-domains.js";
import type { AttestationPayload, ExecutionAttestation } from "./attestation.types.js";

/**
 * The signed payload of an attestation: every own field except `signature`. Unknown fields are
 * kept, so a field added after signing makes the signature fail.
 *
 * @param attestation - an attestation (or a parsed JSON object that claims to be one)
 * @returns a new object without `signature`
 */
export function attestationPayload(attestation: ExecutionAttestation | Readonly<Record<string, unknown>>): AttestationPayload {
  const payload: Record<string, unknown> = {};
  for (const key of Object.keys(attestation)) {
    if (key === "signature") continue;
    // defineProperty keeps hostile names such as __proto__ as data.
    Object.defineProperty(payload, key, {
      value: (attestation as Record<string, unknown>)[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return payload as unknown as AttestationPayload;
}

/**
 * The exact string an attestation's `signature` covers:
 * `canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation)`, where the payload is every
 * field except `signature`. Any RFC 8785 implementation reproduces it from the JSON.
 *
 * @param attestation - a signed attestation, or its payload
 * @returns the canonical signing input (sign or verify its UTF-8 bytes)
 * @throws CanonicalizationError `CANONICAL-` codes when a field is not plain JSON
 * @example
 * ```ts
 * const ok = verifier.verify(attestationSigningInput(attestation), attestation.signature);
 * ```
 */
export function attestationSigningInput(
  attestation: ExecutionAttestation | AttestationPayload | Readonly<Record<string, unknown>>,
): string {
  return canonicalizeForSigning(attestationPayload(attestation), SIGNING_DOMAINS.attestation);
}
