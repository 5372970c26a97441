import { SIGNING_DOMAINS, canonicalize } from "@parmanasystems/core";
import { domainHash } from "../internal/domain-hash.js";
import {
  describeKind,
  isNonEmptyString,
  isPlainRecord,
  isSha256Hash,
  ownValue,
  parseUtcTimestamp,
  unexpectedKeys,
} from "../internal/lifecycle-guards.js";
import type { GovernanceProofBundle } from "./proof-bundle.types.js";

/** The proof bundle format this version writes and reads. */
export const GOVERNANCE_PROOF_BUNDLE_SCHEMA_VERSION = "1.0.0";

const BUNDLE_KEYS: readonly string[] = [
  "schemaVersion",
  "generatedAt",
  "lineage",
  "replay",
  "replayHash",
  "manifestHash",
  "signature",
];

/**
 * The manifest hash. Throws CanonicalizationError for content that is not plain JSON.
 *
 * ```text
 * manifestHash = "sha256:" + hex(SHA-256(JCS({ domain: "PARMANA_PROOF_BUNDLE_V1", payload: {
 *   manifest: { schemaVersion, generatedAt, lineage, replay, replayHash } } })))
 * ```
 */
export function computeManifestHash(
  content: Omit<GovernanceProofBundle, "manifestHash" | "signature">,
): string {
  return domainHash(
    {
      manifest: {
        schemaVersion: content.schemaVersion,
        generatedAt: content.generatedAt,
        lineage: content.lineage,
        replay: content.replay,
        replayHash: content.replayHash,
      },
    },
    SIGNING_DOMAINS.proofBundle,
  );
}

/**
 * The canonical payload the bundle signature covers:
 * `canonicalize({ generatedAt, manifestHash, replayHash, schemaVersion })`, signed with
 * `signGovernancePayload` under `SIGNING_DOMAINS.proofBundle`. The manifest hash binds the
 * lineage and replay.
 */
export function proofBundleSigningPayload(
  bundle: Pick<
    GovernanceProofBundle,
    "schemaVersion" | "generatedAt" | "replayHash" | "manifestHash"
  >,
): string {
  return canonicalize({
    schemaVersion: bundle.schemaVersion,
    generatedAt: bundle.generatedAt,
    replayHash: bundle.replayHash,
    manifestHash: bundle.manifestHash,
  });
}

/** Structural problems of an untrusted bundle's envelope (not its lineage or replay content). */
export function proofBundleShapeProblems(bundle: unknown): string[] {
  if (!isPlainRecord(bundle))
    return [`bundle is ${describeKind(bundle)}, not a proof bundle object`];
  const problems: string[] = [];
  const extra = unexpectedKeys(bundle, BUNDLE_KEYS);
  if (extra.length > 0) problems.push(`bundle has unexpected field(s) ${extra.join(", ")}`);
  if (ownValue(bundle, "schemaVersion") !== GOVERNANCE_PROOF_BUNDLE_SCHEMA_VERSION) {
    problems.push(`schemaVersion is not "${GOVERNANCE_PROOF_BUNDLE_SCHEMA_VERSION}"`);
  }
  if (parseUtcTimestamp(ownValue(bundle, "generatedAt")) === undefined)
    problems.push("generatedAt is not an ISO-8601 UTC timestamp");
  if (!Array.isArray(ownValue(bundle, "lineage"))) problems.push("lineage is not an array");
  if (!isPlainRecord(ownValue(bundle, "replay"))) problems.push("replay is not an object");
  if (!isSha256Hash(ownValue(bundle, "replayHash")))
    problems.push("replayHash is not a sha256: hash");
  if (!isSha256Hash(ownValue(bundle, "manifestHash")))
    problems.push("manifestHash is not a sha256: hash");
  const signature = ownValue(bundle, "signature");
  if (!isPlainRecord(signature)) problems.push("signature is not an object");
  else {
    const extraSignature = unexpectedKeys(signature, ["algorithm", "keyId", "signature"]);
    if (extraSignature.length > 0)
      problems.push(`signature has unexpected field(s) ${extraSignature.join(", ")}`);
    if (ownValue(signature, "algorithm") !== "ed25519")
      problems.push('signature.algorithm is not "ed25519"');
    if (!isNonEmptyString(ownValue(signature, "keyId")))
      problems.push("signature.keyId is not a non-empty string");
    if (typeof ownValue(signature, "signature") !== "string")
      problems.push("signature.signature is not a string");
  }
  return problems;
}
