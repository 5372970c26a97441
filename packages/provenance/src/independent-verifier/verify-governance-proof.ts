import { canonicalize } from "@parmanasystems/core";
import { tryCanonicalize } from "../internal/domain-hash.js";
import { isPlainRecord, ownValue } from "../internal/lifecycle-guards.js";
import { verifyGovernanceInvariants } from "../invariants/verify-governance-invariants.js";
import { replayLineage } from "../lineage-replay/replay-lineage.js";
import type { LineageEvent } from "../lineage/lineage.types.js";
import { verifyLineageChain } from "../lineage/verify-lineage-chain.js";
import { checkProofBundleAuthenticity } from "../proof-bundle/check-proof-bundle-authenticity.js";
import type { VerifyGovernanceProofBundleInput } from "../proof-bundle/proof-bundle.types.js";
import { trustedVerifier } from "../proof-bundle/verify-governance-proof-bundle.js";
import type { IndependentVerificationResult } from "./independent-verification.types.js";

/**
 * Verifies a governance proof bundle independently: no trusted runtime, no hidden state, only
 * the portable governance proof bundle and the trusted public key. Five checks, each reported on
 * its own:
 *
 * 1. `signatureValid`: the envelope is well formed, `manifestHash` recomputes over the content,
 *    and the Ed25519 signature verifies under `publicKey` in the proof-bundle domain;
 * 2. `lineageValid`: `verifyLineageChain(bundle.lineage)`;
 * 3. `replayValid`: `replayLineage(bundle.lineage)`, run here, is valid and reproduces the
 *    proof bundle's `replay` (valid flag, errors and state) exactly;
 * 4. `replayHashMatches`: `bundle.replayHash` and `bundle.replay.replayHash` both equal the
 *    independent replay's hash;
 * 5. `invariantsValid`: `verifyGovernanceInvariants` over the lineage and the independent replay.
 *
 * Checks do not short-circuit, so every failure is visible. They are independent except where
 * the facts are: a broken chain cannot replay, so it also fails the replay check and the
 * `replay-validity` invariant.
 *
 * @param input - the untrusted governance proof bundle `bundle` and the trusted Ed25519 `publicKey`
 * @returns `{ valid, errors, verification }`; never throws for a bad proof bundle
 * @throws ProvenanceError `PROV-025` when `publicKey` is not an Ed25519 public KeyObject (misuse)
 * @example
 * ```ts
 * const result = verifyGovernanceProof({ bundle, publicKey: importPublicKey(pem) });
 * if (!result.valid) console.error(result.errors);
 * ```
 */
export function verifyGovernanceProof(
  input: VerifyGovernanceProofBundleInput,
): IndependentVerificationResult {
  const verifier = trustedVerifier(input, "verifyGovernanceProof");
  const bundle = ownValue(input, "bundle");
  const errors: string[] = [];
  const report = (check: string, problems: readonly string[]): boolean => {
    for (const problem of problems) errors.push(`${check}: ${problem}`);
    return problems.length === 0;
  };

  // 1. Authenticity of what was signed.
  const signatureValid = report("signature", checkProofBundleAuthenticity(bundle, verifier));

  const record: Record<string, unknown> = isPlainRecord(bundle) ? bundle : {};
  const lineageValue = ownValue(record, "lineage");
  const lineage = (
    Array.isArray(lineageValue) ? lineageValue : lineageValue === undefined ? [] : lineageValue
  ) as LineageEvent[];

  // 2. Chain integrity, recomputed here.
  const lineageValid = report("lineage", verifyLineageChain(lineage).errors);

  // 3. Independent replay, compared with what the proof bundle claims.
  const independent = replayLineage(lineage);
  const claimed = ownValue(record, "replay");
  const replayProblems = [...independent.errors];
  const claimedView = isPlainRecord(claimed)
    ? tryCanonicalize({
        valid: ownValue(claimed, "valid"),
        errors: ownValue(claimed, "errors"),
        state: ownValue(claimed, "state"),
      })
    : undefined;
  const independentView = canonicalize({
    valid: independent.valid,
    errors: independent.errors,
    state: independent.state,
  });
  if (claimedView !== independentView)
    replayProblems.push("the bundle's replay differs from the independent replay of its lineage");
  const replayValid = report("replay", replayProblems);

  // 4. Declared replay hashes against the recomputed one.
  const hashProblems: string[] = [];
  if (ownValue(record, "replayHash") !== independent.replayHash) {
    hashProblems.push("bundle.replayHash differs from the independent replay hash");
  }
  if (!isPlainRecord(claimed) || ownValue(claimed, "replayHash") !== independent.replayHash) {
    hashProblems.push("bundle.replay.replayHash differs from the independent replay hash");
  }
  const replayHashMatches = report("replayHash", hashProblems);

  // 5. Governance invariants over the lineage and the replay computed here.
  const invariants = verifyGovernanceInvariants({ lineageEvents: lineage, replay: independent });
  const invariantsValid = report(
    "invariants",
    invariants.violations.map(
      (violation) => `${violation.invariant} (${violation.severity}): ${violation.message}`,
    ),
  );

  return {
    valid: signatureValid && lineageValid && replayValid && invariantsValid && replayHashMatches,
    errors,
    verification: { signatureValid, lineageValid, replayValid, invariantsValid, replayHashMatches },
  };
}
