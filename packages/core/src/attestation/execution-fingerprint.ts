import { canonicalize } from "../canonical/canonicalize.js";
import { sha256Hex } from "../hashing/sha256.js";

/**
 * `signalsHash`: SHA-256 (bare lowercase hex) of the RFC 8785 form of the plain signal values.
 * Unwrap governed signals with `extractSignalValues` first: provenance is never hashed here.
 *
 * @param signals - plain signal values
 * @returns 64 lowercase hex characters
 * @throws CanonicalizationError `CANONICAL-` codes when a value is not plain JSON
 * @example
 * ```ts
 * computeSignalsHash({ credit_score: 720 }) === computeSignalsHash({ credit_score: 720 }); // true
 * ```
 */
export function computeSignalsHash(signals: Readonly<Record<string, unknown>>): string {
  return sha256Hex(canonicalize(signals));
}

/**
 * `execution_fingerprint`: SHA-256 (bare lowercase hex) of the RFC 8785 form of
 * `{ policyId, policyVersion, signals }`.
 * The semantic identity of a decision: equal for equal policy and signals, whatever the
 * executionId, key order or provenance.
 *
 * @param policyId - the policy's id
 * @param policyVersion - the policy's version
 * @param signals - plain signal values
 * @returns 64 lowercase hex characters
 * @throws CanonicalizationError `CANONICAL-` codes when a value is not plain JSON
 */
export function computeExecutionFingerprint(
  policyId: string,
  policyVersion: string,
  signals: Readonly<Record<string, unknown>>,
): string {
  return sha256Hex(fingerprintInput(policyId, policyVersion, canonicalize(signals)));
}

/**
 * Both hashes from one canonicalisation of the signals (the hot path of `executeFromSignals`).
 *
 * @param policyId - the policy's id
 * @param policyVersion - the policy's version
 * @param signals - plain signal values
 * @returns `{ signalsHash, execution_fingerprint }`
 * @throws CanonicalizationError `CANONICAL-` codes when a value is not plain JSON
 */
export function computeExecutionHashes(
  policyId: string,
  policyVersion: string,
  signals: Readonly<Record<string, unknown>>,
): { signalsHash: string; execution_fingerprint: string } {
  return hashesOfCanonicalSignals(policyId, policyVersion, canonicalize(signals));
}

/**
 * The two hashes from signals that are already `canonicalize(signals)` text: the one layout of
 * the fingerprint's input, shared with the audit database's writer, which has that text anyway.
 */
export function hashesOfCanonicalSignals(
  policyId: string,
  policyVersion: string,
  canonicalSignals: string,
): { signalsHash: string; execution_fingerprint: string } {
  const input = fingerprintInput(policyId, policyVersion, canonicalSignals);
  // Hashing the input makes it one flat string; the signals' text is then a slice of it, hashed
  // without being copied out again.
  const execution_fingerprint = sha256Hex(input);
  const signalsText = input.slice(input.length - canonicalSignals.length - 1, -1);
  return { signalsHash: sha256Hex(signalsText), execution_fingerprint };
}

// The JCS text of { policyId, policyVersion, signals } built around the already-canonical
// signals: the member names are already in UTF-16 order (policyId < policyVersion < signals), so
// this is byte for byte canonicalize({ policyId, policyVersion, signals }) with one pass less.
function fingerprintInput(
  policyId: string,
  policyVersion: string,
  canonicalSignals: string,
): string {
  return `${fingerprintPrefix(policyId, policyVersion)}${canonicalSignals}}`;
}

// The prefix is the same for every call under one policy version: remember the last one.
let lastPrefix: { policyId: string; policyVersion: string; prefix: string } | undefined;

function fingerprintPrefix(policyId: string, policyVersion: string): string {
  if (lastPrefix?.policyId === policyId && lastPrefix.policyVersion === policyVersion)
    return lastPrefix.prefix;
  const prefix = `{"policyId":${canonicalize(policyId)},"policyVersion":${canonicalize(policyVersion)},"signals":`;
  lastPrefix = { policyId, policyVersion, prefix };
  return prefix;
}
