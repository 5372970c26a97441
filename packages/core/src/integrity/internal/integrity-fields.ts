import { canonicalizeForSigning, SIGNING_DOMAINS } from "../../canonical/signing-domains.js";
// Platform-neutral (no node: import): shared as source with @parmanasystems/verify.

/** Fields of a proof that `integrityHash` does not cover: itself and the signing metadata. */
const OUTSIDE_INTEGRITY_HASH: ReadonlySet<string> = new Set([
  "integrityHash",
  "issuedAt",
  "signerKeyId",
  "signature",
]);

/** Copies own fields except `excluded`, as data (hostile keys such as __proto__ stay data). */
function pick(
  proof: Readonly<Record<string, unknown>>,
  excluded: (key: string) => boolean,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(proof)) {
    if (excluded(key)) continue;
    Object.defineProperty(copy, key, {
      value: proof[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** The bound facts `integrityHash` covers: every field except integrityHash, issuedAt, signerKeyId, signature. */
export function integrityHashInput(
  proof: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return pick(proof, (key) => OUTSIDE_INTEGRITY_HASH.has(key));
}

/** The signing input of a proof: every field except `signature`, under the audit domain. */
export function integritySigningInputOf(proof: Readonly<Record<string, unknown>>): string {
  return canonicalizeForSigning(
    pick(proof, (key) => key === "signature"),
    SIGNING_DOMAINS.audit,
  );
}

/**
 * The time-window rule, shared by confirmation and verification: not before the decision and,
 * with a window, at most `maxDelaySeconds` after it (the boundary itself is inside).
 */
export function withinWindow(
  issuedAt: string,
  executedAt: string,
  maxDelaySeconds: number | null,
): boolean {
  const delayMs = Date.parse(executedAt) - Date.parse(issuedAt);
  if (Number.isNaN(delayMs) || delayMs < 0) return false;
  return maxDelaySeconds === null || delayMs <= maxDelaySeconds * 1000;
}
