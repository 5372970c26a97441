import { ProvenanceError, SIGNING_DOMAINS, canonicalize } from "@parmanasystems/core";
import { tryCanonicalize } from "../internal/domain-hash.js";
import {
  describeKind,
  isPlainRecord,
  ownValue,
  parseUtcTimestamp,
  unexpectedKeys,
} from "../internal/lifecycle-guards.js";
import { replayLineage } from "../lineage-replay/replay-lineage.js";
import type { ReplayResult } from "../lineage-replay/replay.types.js";
import type { LineageEvent } from "../lineage/lineage.types.js";
import { signGovernancePayload } from "../signing/sign-governance-payload.js";
import { requireEd25519Key } from "../signing/governance-signing-input.js";
import {
  GOVERNANCE_PROOF_BUNDLE_SCHEMA_VERSION,
  computeManifestHash,
  proofBundleSigningPayload,
} from "./proof-bundle-manifest.js";
import type {
  CreateGovernanceProofBundleInput,
  GovernanceProofBundle,
} from "./proof-bundle.types.js";

const INPUT_KEYS: readonly string[] = ["lineage", "replay", "privateKey", "keyId", "generatedAt"];

/**
 * Creates a signed, portable proof bundle of a lineage chain and its replay.
 *
 * Fail closed: the lineage must be a non-empty, intact chain and `replay` must be exactly
 * `replayLineage(lineage)`; nothing is signed otherwise. Invariant violations (an execution
 * without authorization, say) do not stop it: the bundle is evidence, and
 * `verifyGovernanceProof` reports them.
 *
 * `manifestHash` is the domain-separated (`PARMANA_PROOF_BUNDLE_V1`) hash of
 * `{ manifest: { schemaVersion, generatedAt, lineage, replay, replayHash } }`; the signature is
 * `signGovernancePayload` over
 * `canonicalize({ generatedAt, manifestHash, replayHash, schemaVersion })` in the proof-bundle
 * domain. `generatedAt` defaults to the replay's
 * `reconstructedAt`, so the same inputs give the same bundle (Ed25519 is deterministic).
 *
 * @param input - `lineage`, its `replay`, an Ed25519 `privateKey`, `keyId`, optional `generatedAt`
 * @returns the bundle
 * @throws ProvenanceError `PROV-027` when the lineage is empty or broken, the replay is not the
 *   lineage's, `generatedAt` is not ISO-8601 UTC or an input field is unknown; `PROV-025` for a
 *   key that is not an Ed25519 private key; `PROV-024` for an empty `keyId`
 * @example
 * ```ts
 * const bundle = createGovernanceProofBundle({ lineage, replay: replayLineage(lineage), privateKey, keyId: "gov-1" });
 * ```
 */
export function createGovernanceProofBundle(
  input: CreateGovernanceProofBundleInput,
): GovernanceProofBundle {
  if (!isPlainRecord(input)) fail(`input must be a plain object, got ${describeKind(input)}`);
  const extra = unexpectedKeys(input, INPUT_KEYS);
  if (extra.length > 0) fail(`unknown input field(s) ${extra.join(", ")}`);
  const lineage = ownValue(input, "lineage");
  if (!Array.isArray(lineage) || lineage.length === 0)
    fail("lineage must be a non-empty array of lineage events");
  const independent = replayLineage(lineage as LineageEvent[]);
  if (!independent.valid) {
    throw new ProvenanceError(
      "PROV-027",
      `createGovernanceProofBundle: the lineage does not verify: ${independent.errors.join("; ")}`,
      {
        details: { errors: independent.errors },
      },
    );
  }
  const replay = ownValue(input, "replay");
  const given = tryCanonicalize(replay);
  if (given === undefined || given !== canonicalize(independent)) {
    fail("replay is not replayLineage(lineage): recompute it from this lineage");
  }
  const generatedAtInput = ownValue(input, "generatedAt");
  if (generatedAtInput !== undefined && parseUtcTimestamp(generatedAtInput) === undefined) {
    fail("generatedAt must be an ISO-8601 UTC timestamp");
  }
  const generatedAt = (generatedAtInput as string | undefined) ?? independent.state.reconstructedAt;
  requireEd25519Key(
    ownValue(input, "privateKey"),
    "private",
    "createGovernanceProofBundle: privateKey",
  );

  // Copies through canonical JSON: later edits to the caller's objects cannot alter the bundle.
  const content = {
    schemaVersion: GOVERNANCE_PROOF_BUNDLE_SCHEMA_VERSION,
    generatedAt,
    lineage: JSON.parse(canonicalize(lineage)) as LineageEvent[],
    replay: JSON.parse(canonicalize(independent)) as ReplayResult,
    replayHash: independent.replayHash,
  };
  const manifestHash = computeManifestHash(content);
  const signature = signGovernancePayload({
    payload: proofBundleSigningPayload({ ...content, manifestHash }),
    privateKey: ownValue(input, "privateKey") as CreateGovernanceProofBundleInput["privateKey"],
    keyId: ownValue(input, "keyId") as string,
    domain: SIGNING_DOMAINS.proofBundle,
  });
  return { ...content, manifestHash, signature };
}

function fail(message: string): never {
  throw new ProvenanceError("PROV-027", `createGovernanceProofBundle: ${message}`);
}
