import { CanonicalizationError } from "../../errors/parmana-error.js";
import { hashesOfCanonicalSignals } from "../execution-fingerprint.js";

/**
 * `signalsHash` and `execution_fingerprint` from signals that are already canonical text, for a
 * caller that needs that text anyway (the audit database stores it): the same two hashes as
 * `computeExecutionHashes(policyId, policyVersion, signals)` without canonicalizing the signals
 * again.
 *
 * @param policyId - the policy's id
 * @param policyVersion - the policy's version
 * @param canonicalSignals - `canonicalize(signals)` of the plain signal values, exactly as
 *   canonicalize returned it (the text is hashed as given, not checked)
 * @returns `{ signalsHash, execution_fingerprint }`, bare lowercase hex
 * @throws CanonicalizationError `CANONICAL-012` when an argument is not a string
 */
export function executionHashesOfCanonicalSignals(
  policyId: string,
  policyVersion: string,
  canonicalSignals: string,
): { signalsHash: string; execution_fingerprint: string } {
  if (
    typeof policyId !== "string" ||
    typeof policyVersion !== "string" ||
    typeof canonicalSignals !== "string"
  ) {
    throw new CanonicalizationError(
      "CANONICAL-012",
      "executionHashesOfCanonicalSignals takes three strings: policyId, policyVersion and the canonical signals",
    );
  }
  return hashesOfCanonicalSignals(policyId, policyVersion, canonicalSignals);
}
