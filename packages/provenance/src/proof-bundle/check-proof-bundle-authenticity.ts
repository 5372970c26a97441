import type { LocalVerifier } from "@parmanasystems/core";
import { timingSafeEqualStrings } from "../internal/crypto.js";
import { ownValue } from "../internal/lifecycle-guards.js";
import { checkGovernanceSignature } from "../signing/verify-governance-signature.js";
import {
  computeManifestHash,
  proofBundleShapeProblems,
  proofBundleSigningPayload,
} from "./proof-bundle-manifest.js";
import type { GovernanceProofBundle } from "./proof-bundle.types.js";

/**
 * Authenticity of an untrusted proof bundle: a sound envelope, a `manifestHash` that recomputes
 * over the content, and a signature over the manifest that verifies under the trusted key in the
 * proof-bundle domain. Returns the problems found (empty when authentic); never throws.
 */
export function checkProofBundleAuthenticity(bundle: unknown, verifier: LocalVerifier): string[] {
  const problems = proofBundleShapeProblems(bundle);
  if (problems.length > 0) return problems;
  const record = bundle as GovernanceProofBundle;
  let manifestHash: string;
  try {
    manifestHash = computeManifestHash({
      schemaVersion: ownValue(record, "schemaVersion") as string,
      generatedAt: ownValue(record, "generatedAt") as string,
      lineage: ownValue(record, "lineage") as GovernanceProofBundle["lineage"],
      replay: ownValue(record, "replay") as GovernanceProofBundle["replay"],
      replayHash: ownValue(record, "replayHash") as string,
    });
  } catch {
    return ["bundle content is not plain JSON"];
  }
  const declared = ownValue(record, "manifestHash") as string;
  if (!timingSafeEqualStrings(manifestHash, declared))
    problems.push("manifestHash does not match the bundle content (tampered)");
  const payload = proofBundleSigningPayload({
    schemaVersion: ownValue(record, "schemaVersion") as string,
    generatedAt: ownValue(record, "generatedAt") as string,
    replayHash: ownValue(record, "replayHash") as string,
    manifestHash: declared,
  });
  if (
    !checkGovernanceSignature(
      verifier,
      payload,
      ownValue(record, "signature"),
      "PARMANA_PROOF_BUNDLE_V1",
    )
  ) {
    problems.push(
      "signature does not verify under the given public key in the proof-bundle domain",
    );
  }
  return problems;
}
