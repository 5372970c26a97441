import { codedBoundary, rawErrorName } from "../internal/coded-boundary.js";
import { CanonicalizationError } from "../errors/parmana-error.js";
import { canonicalHash, prefixedSha256 } from "../hashing/sha256.js";

/**
 * Hashes raw evidence before any adapter normalisation, for `SignalProvenance.evidenceHash`.
 *
 * - a string is hashed as its UTF-8 bytes (a JSON text from an API is hashed exactly as received,
 *   not re-serialised; it must be well-formed UTF-16, so no lone surrogates);
 * - a `Buffer`, `Uint8Array` or `ArrayBuffer` is hashed as its bytes (PDFs, audio);
 * - anything else is hashed as its RFC 8785 canonical JSON ({@link canonicalHash}), so key order
 *   does not matter.
 *
 * Evidence is hashed in the form it was received: a string is hashed as its text, not as a JSON
 * string literal, so `hashEvidencePayload("x")` is the SHA-256 of `x`, not of `"x"`, and a JSON
 * document received as text hashes exactly as the sender's bytes.
 *
 * @param rawEvidence - the raw payload
 * @returns `"sha256:<64 hex>"`
 * @throws CanonicalizationError `CANONICAL-008` for a string with a lone surrogate; other
 *   `CANONICAL-` codes when a non-string, non-bytes value is not plain JSON
 * @example
 * ```ts
 * const evidenceHash = hashEvidencePayload(aaApiResponse); // "sha256:3f4a9b..."
 * ```
 */
export function hashEvidencePayload(rawEvidence: unknown): string {
  return codedBoundary(
    () => hashPayload(rawEvidence),
    (raw) =>
      new CanonicalizationError(
        "CANONICAL-011",
        `reading the evidence threw ${rawErrorName(raw)}`,
        { cause: raw, details: { path: "$" } },
      ),
  );
}

function hashPayload(rawEvidence: unknown): string {
  if (typeof rawEvidence === "string") {
    // UTF-8 encoding would replace a lone surrogate with U+FFFD, so two different strings could
    // share a hash; refuse them as canonical JSON does.
    if (!rawEvidence.isWellFormed()) {
      throw new CanonicalizationError(
        "CANONICAL-008",
        "evidence string contains a lone surrogate",
        {
          details: { path: "$" },
        },
      );
    }
    return prefixedSha256(rawEvidence);
  }
  if (rawEvidence instanceof Uint8Array) return prefixedSha256(rawEvidence);
  if (rawEvidence instanceof ArrayBuffer) return prefixedSha256(new Uint8Array(rawEvidence));
  return canonicalHash(rawEvidence);
}

/**
 * Backward-compatible alias of {@link hashEvidencePayload}.
 *
 * @param rawEvidence - the raw payload
 * @returns `"sha256:<64 hex>"`
 * @throws CanonicalizationError as {@link hashEvidencePayload}
 */
export function hashEvidence(rawEvidence: unknown): string {
  return hashEvidencePayload(rawEvidence);
}
