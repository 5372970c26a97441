import type { ErrorCodeEntry } from "../error-code-entry.js";

/**
 * `TRUST-` codes: trust roots, bundles and runtime identity.
 * Ranges: 001-019 trust-root files, 020-039 key selection and rotation, 040-059 bundles and
 * policy authoring, 060-079 runtime identity, 080-089 transparency log.
 */
export const TRUST_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  // Trust-root files.
  "TRUST-001": {
    title: "Trust root unreadable",
    cause: "The trust-root file does not exist, cannot be read, or is not valid JSON.",
    fix: "Check the path (trust/trust-root.json by default) and that the file is the JSON written by `parmana trust init`.",
  },
  "TRUST-002": {
    title: "Invalid trust root",
    cause:
      "The trust root has one or more problems; each is listed in details.problems with its own TRUST- code and JSON path.",
    fix: "Fix every listed problem; the message names the first.",
  },
  "TRUST-003": {
    title: "Bad trustRootVersion",
    cause: "trustRootVersion is missing or not a short string of letters, digits and . _ : + -.",
    fix: 'Name the version, e.g. "1" or "2026-01".',
  },
  "TRUST-004": {
    title: "Bad key list",
    cause:
      "keys is missing, empty, or holds something that is not a key object (or a key's description is not a string).",
    fix: "List at least one key object with keyId, algorithm, publicKey, purposes and validFrom.",
  },
  "TRUST-005": {
    title: "Bad keyId",
    cause: "A key's keyId is missing or not 1-128 characters of letters, digits and . _ : @ / + -.",
    fix: "Use the id the signer reports as signerKeyId (deriveKeyId gives one).",
  },
  "TRUST-006": {
    title: "Duplicate keyId",
    cause:
      "Two keys of the trust root have the same keyId, so signerKeyId could not choose between them.",
    fix: "Give every key its own id; never reuse the id of a retired key.",
  },
  "TRUST-007": {
    title: "Unsupported key algorithm",
    cause: 'A key\'s algorithm is not "ed25519" or "ecdsa-p256-sha256".',
    fix: "Use an Ed25519 key, or an ECDSA P-256 key for KMS keys.",
  },
  "TRUST-008": {
    title: "Unusable public key",
    cause:
      "A key's publicKey is not a PEM SPKI public key, holds a private key, cannot be parsed, or is of another algorithm than the one declared.",
    fix: "Paste the public key PEM (-----BEGIN PUBLIC KEY-----) and declare its real algorithm; never put a private key in a trust root.",
  },
  "TRUST-009": {
    title: "Bad key purposes",
    cause: "purposes is missing, empty, names an unknown purpose, or lists one twice.",
    fix: "Use purposes from: attestation, manifest, bundle, override, audit, runtime, release, trust-root, receipt, lineage, authority, proof-bundle.",
  },
  "TRUST-010": {
    title: "Bad key validity",
    cause:
      "validFrom is missing, or validFrom, validUntil or revokedAt is not an RFC 3339 instant, or validUntil is not later than validFrom.",
    fix: "Write instants with an offset, e.g. 2026-01-01T00:00:00Z.",
  },
  "TRUST-011": {
    title: "Bad trusted runtime hashes",
    cause:
      'trustedRuntimeHashes is missing or holds something other than "sha256:<64 lowercase hex>" hashes.',
    fix: "List runtime hashes as getRuntimeIdentity().runtimeHash prints them; use [] for none.",
  },
  "TRUST-012": {
    title: "Inconsistent rotation history",
    cause:
      "rotations is empty or malformed, its records do not continue one another, are out of time order, or the last does not lead to this root's version and hash.",
    fix: "Produce new roots with rotateTrustRoot (or `parmana trust rotate`) instead of editing them by hand.",
  },
  "TRUST-013": {
    title: "Trust root is not an object",
    cause: "The trust root JSON is an array, a string, a number or null.",
    fix: "The file must hold one JSON object.",
  },
  "TRUST-014": {
    title: "Unknown trust-root member",
    cause:
      "The trust root, a key or a rotation record has a member this version does not know; it may be a typo of a security setting.",
    fix: "Remove or correct the member.",
  },

  // Key selection and rotation.
  "TRUST-020": {
    title: "Unknown signing key",
    cause:
      "The signerKeyId (or bundle.sig keyId, or rotation signedBy) names no key of the trust root.",
    fix: "Add the key to the trust root by a rotation, or verify with the trust root that holds it (walkTrustChain reaches newer roots).",
  },
  "TRUST-021": {
    title: "Key revoked",
    cause: "The key was revoked at or before the time of the signature (issuedAt).",
    fix: "Signatures made after a revocation are refused by design; re-issue the record with a current key.",
  },
  "TRUST-022": {
    title: "Key not yet valid",
    cause: "The signature's time is before the key's validFrom.",
    fix: "Check the signer's clock and the key's validFrom.",
  },
  "TRUST-023": {
    title: "Key expired",
    cause: "The signature's time is at or after the key's validUntil.",
    fix: "Rotate to a new key before expiry; records signed while the key was valid keep verifying.",
  },
  "TRUST-024": {
    title: "Key not meant for this purpose",
    cause:
      "The key's purposes do not include what it signed (attestation, manifest or bundle, override, trust-root, ...), or the signed bytes name no known signing domain.",
    fix: "Sign with a key meant for the purpose, or rotate the trust root to add the purpose.",
  },
  "TRUST-025": {
    title: "No valid signing time",
    cause:
      "The signature's time (an attestation's issuedAt) is missing or not an RFC 3339 instant, so validity and revocation cannot be decided.",
    fix: "Attestations carry issuedAt; for other artifacts pass options.at.",
  },
  "TRUST-026": {
    title: "Signature does not verify under the trusted key",
    cause:
      "A key of the trust root was chosen but the signature is not valid under it: the data was changed or another key signed.",
    fix: "Treat the record as forged or corrupted.",
  },
  "TRUST-030": {
    title: "Rotation not possible",
    cause:
      "rotateTrustRoot got no signer or changes, a key to revoke that does not exist, a bad version or time, a signer key without purpose trust-root (or revoked, or not valid), or a signer whose signature does not verify under that key.",
    fix: "Sign with a current, unrevoked trust-root key of the current root and name at least one change.",
  },
  "TRUST-031": {
    title: "Broken trust chain",
    cause:
      "A newer root carries no rotation record from the previous one, names other versions, is dated before it, or rewrites the rotation history.",
    fix: "Pass every published root in order, oldest first; a root edited by hand is refused.",
  },
  "TRUST-032": {
    title: "Trust chain hash mismatch",
    cause:
      "A rotation record's previousRootHash or newRootHash is not the hash of the roots it links: one of them was altered.",
    fix: "Fetch the published roots again; do not trust the altered one.",
  },
  "TRUST-033": {
    title: "Rotation signer not authorised",
    cause:
      "The rotation is signed by a key the previous root does not hold, that lacks purpose trust-root, is revoked, or was not valid at rotatedAt.",
    fix: "Refuse the new root: only the previous root's trust-root keys may introduce a successor.",
  },
  "TRUST-034": {
    title: "Rotation signature invalid",
    cause:
      "The rotation record's signature does not verify under the key it names: the record is forged or altered.",
    fix: "Refuse the new root.",
  },

  // Bundles and policy authoring.
  "TRUST-040": {
    title: "Bundle manifest missing",
    cause: "bundle.manifest.json is not in the policy directory, or cannot be read.",
    fix: "Build the bundle with generateBundle or `parmana policy build`.",
  },
  "TRUST-041": {
    title: "Malformed bundle manifest",
    cause: "bundle.manifest.json is not valid JSON or lacks, or mistypes, a required field.",
    fix: "Rebuild the bundle; never edit the manifest by hand.",
  },
  "TRUST-042": {
    title: "Bundle content hash mismatch",
    cause:
      "An artifact named by the manifest (policy.json) is missing or its content no longer hashes to the value in the manifest: it was changed after the bundle was built.",
    fix: "Rebuild and re-sign the bundle if the change is intended; otherwise restore the signed content.",
  },
  "TRUST-043": {
    title: "bundleHash mismatch",
    cause:
      "The manifest's bundleHash is not the canonical hash of its policy identity and artifacts.",
    fix: "Rebuild the bundle; the manifest was edited.",
  },
  "TRUST-044": {
    title: "Bundle signature missing or malformed",
    cause: "bundle.sig is absent, not valid JSON, or lacks keyId, algorithm or signature.",
    fix: "Rebuild the bundle with a signer (generateBundle writes bundle.sig).",
  },
  "TRUST-045": {
    title: "Bundle signature invalid",
    cause:
      "bundle.sig does not verify over the manifest under the verifier's key: the manifest was altered or another key signed it.",
    fix: "Verify with the key that signed the bundle, or rebuild and re-sign it.",
  },
  "TRUST-046": {
    title: "Bundle signed by an untrusted key",
    cause:
      "The key that signed bundle.sig is not in the trust root, is not meant for manifest or bundle, or is revoked, not yet valid or expired now; details.reasonCode gives the TRUST-02x reason.",
    fix: "Sign bundles with a key of the trust root that has purpose manifest or bundle, or add it by a rotation.",
  },
  "TRUST-047": {
    title: "Runtime requirements not met",
    cause:
      "The bundle needs a newer runtime, another evaluator semantics major version or a newer minor, a schema version or capabilities this runtime lacks.",
    fix: "Upgrade @parmanasystems/core, or rebuild the bundle for this runtime.",
  },
  "TRUST-048": {
    title: "Policy identity mismatch",
    cause:
      "policy.json's policyId or policyVersion differs from its folder or from the bundle manifest, or the file is not a JSON object.",
    fix: "Keep policies at policies/<policyId>/<policyVersion>/policy.json with matching fields, and rebuild the bundle.",
  },
  "TRUST-049": {
    title: "Policy already exists or bad policy id",
    cause:
      "createPolicy was asked for a policy whose folder already exists, or for an id that is not a safe folder name.",
    fix: "Use upgradePolicy for a new version of an existing policy; ids are letters, digits, '.', '_' and '-'.",
  },
  "TRUST-050": {
    title: "Policy not found for authoring",
    cause:
      "generateBundle or upgradePolicy found no policy.json (or no semver version folder) at the given path.",
    fix: "Point at policies/<policyId>/<policyVersion>/ (generateBundle) or at the policies root and an existing id (upgradePolicy).",
  },
  "TRUST-051": {
    title: "Policy does not compile",
    cause:
      "generateBundle refused a policy with compilation errors; details.problems lists them with their POL- codes.",
    fix: "Fix the policy (`parmana policy compile` shows every problem) and build again.",
  },
  "TRUST-052": {
    title: "Bundle signer unusable",
    cause:
      "generateBundle got no signer, a signer without signerKeyId, or a signer that failed or returned something other than a base64 string.",
    fix: "Pass a LocalSigner (or a KMS/Vault signer) whose signerKeyId is in the trust root.",
  },

  // Runtime identity.
  "TRUST-060": {
    title: "Malformed runtime manifest",
    cause:
      "dist/runtime-manifest.json (or a runtime manifest given to verifyRuntime) is not valid JSON or lacks a required field.",
    fix: "Rebuild @parmanasystems/core with `pnpm build`, or pass the manifest exactly as getRuntimeManifest returns it.",
  },
  "TRUST-061": {
    title: "Runtime manifest does not belong to this build",
    cause:
      "The shipped runtime manifest names an evaluator semantics hash or version other than the code's, or its evaluatorArtifactHash is not the hash of its files.",
    fix: "Rebuild the package; never copy a runtime manifest between builds.",
  },
  "TRUST-062": {
    title: "Release manifest missing or malformed",
    cause:
      "dist/release-manifest.json is absent beside dist/runtime-manifest.json, not valid JSON, or malformed.",
    fix: "Rebuild with `pnpm build`, which runs scripts/generate-release-manifest.mjs after the runtime manifest.",
  },
  "TRUST-063": {
    title: "Malformed runtime history",
    cause:
      "runtime-history.json (the committed runtime hashes of earlier releases) is not a list of { runtimeVersion, runtimeHash } entries.",
    fix: "Regenerate it with `pnpm --filter @parmanasystems/core runtime:record`; do not edit it by hand.",
  },
  "TRUST-064": {
    title: "Runtime not in release manifest",
    cause:
      "The release manifest does not list @parmanasystems/core at the runtime's version, or its dist/runtime-manifest.json hash is not the runtimeHash.",
    fix: "Verify the runtime against the release manifest of the same build.",
  },
  "TRUST-065": {
    title: "Built file hash mismatch",
    cause:
      "A file named by the runtime manifest has another hash in the release manifest or on disk, or is missing: the installed code differs from the build.",
    fix: "Reinstall the package from a trusted source; the installed code was changed.",
  },
  "TRUST-066": {
    title: "evaluatorArtifactHash inconsistent",
    cause:
      "The runtime manifest's evaluatorArtifactHash is not canonicalHash({ files }) of its own files.",
    fix: "The manifest was edited; use the one the build generated.",
  },
  "TRUST-067": {
    title: "Runtime not trusted",
    cause:
      "The runtimeHash is neither the running runtime's, nor in the committed runtime history, nor listed in the trust root or the verification options.",
    fix: "Add the runtime hash to the trust root's trustedRuntimeHashes (by a rotation) or to the options, after checking which build it is.",
  },
  "TRUST-068": {
    title: "Runtime version mismatch",
    cause: "The runtimeHash is a known runtime, but the runtimeVersion given with it is another.",
    fix: "Treat the record as altered: a runtime hash identifies exactly one version.",
  },
  "TRUST-069": {
    title: "Runtime manifest names a file outside the dist folder",
    cause:
      "verifyRuntime with distDir got a runtime manifest whose files list an absolute path, a name with '..', '.', an empty segment, a backslash or a colon, or a name that a symlink leads out of the folder. The file was not read, so nothing about it (not even its hash) is reported.",
    fix: "Use the runtime manifest the build wrote: its file names are relative to dist/ and stay inside it. A manifest like this was forged.",
  },
  "TRUST-070": {
    title: "Malformed runtime, bundle or trust input",
    cause:
      "A runtime, bundle or trust-root helper (computeBundleHash, checkRuntimeRequirements, ...) got an argument that is not the structure it documents: a missing member, the wrong type, or an object whose getters or Proxy traps throw. The message names the function; the cause holds the original error.",
    fix: "Pass the structure the function documents, as read from its JSON file or built by the matching create* function.",
  },
  "TRUST-071": {
    title: "Trust root rollback",
    cause:
      "The trust root given is a version that a newer root this verifier has already seen replaced (its version is a fromVersion in the newer root's rotations). An older root may still trust keys revoked since, so it is refused.",
    fix: "Use the newest trust root. Persist the newest root you have verified and pass it as newestSeen, so a restart cannot be rolled back either.",
  },
  "TRUST-072": {
    title: "Conflicting trust roots",
    cause:
      "The trust root given has the same trustRootVersion as the newest root already seen, but different content: two roots claim one version (a forged or mistakenly edited root).",
    fix: "Find out which root is genuine (walkTrustChain from a root you trust); never edit a published root in place, rotate it instead.",
  },
  // Transparency log: signed notes, checkpoints, inclusion and consistency proofs.
  "TRUST-080": {
    title: "Malformed signed note",
    cause:
      "The signed note (checkpoint) is not valid C2SP signed-note text: no blank line before the signatures, a signature line that is not '— <key name> <base64>', a control character, invalid UTF-8, or too large.",
    fix: "Use the checkpoint exactly as the log published it; do not re-wrap or re-encode the text.",
  },
  "TRUST-081": {
    title: "Malformed checkpoint",
    cause:
      "The note text is not a C2SP tlog-checkpoint: fewer than three lines, an empty line, a tree size with leading zeroes or not decimal, or a root hash that is not base64 of 32 bytes.",
    fix: "Use the checkpoint exactly as the log published it.",
  },
  "TRUST-082": {
    title: "Checkpoint not signed by the log key",
    cause:
      "No signature on the note is by the given log key (same key name and key ID), or a signature by that key does not verify.",
    fix: "Check that you hold the log's public key and its key name (the checkpoint's origin by default); a failing signature means the checkpoint was altered.",
  },
  "TRUST-083": {
    title: "Malformed proof",
    cause:
      "The proof's leafIndex, treeSize, oldSize or newSize is not a non-negative integer, or its hashes are not a list of base64 32-byte hashes (at most 128).",
    fix: "Use the proof file as the log wrote it (parmana audit prove, or getConsistencyProof).",
  },
  "TRUST-084": {
    title: "Inclusion proof does not verify",
    cause:
      "The proof does not lead from the attestation's leaf hash at its index to the checkpoint's root: the attestation differs from the one logged, the index is wrong, or the proof was altered.",
    fix: "Treat the attestation as not proven to be in the log; ask the operator for a fresh proof against a checkpoint you hold.",
  },
  "TRUST-085": {
    title: "Log not consistent",
    cause:
      "The consistency proof does not show that the older checkpoint's tree is a prefix of the newer one's: entries were removed, changed or reordered, the log shrank, or the proof was altered.",
    fix: "Keep both signed checkpoints: together they are evidence that the log operator rewrote history.",
  },
  "TRUST-086": {
    title: "Proof does not match the checkpoint",
    cause:
      "The proof's tree sizes are not those of the checkpoints, or the two checkpoints are from different logs (origins).",
    fix: "Ask for a proof to the checkpoint you hold (parmana audit prove --tree-size, or getConsistencyProof(oldSize, newSize)).",
  },
  "TRUST-087": {
    title: "Unusable log key",
    cause:
      "The log key is missing, not an Ed25519 key, a malformed or mismatched verifier key string (name+keyid+key), has an invalid key name, or the signer's signatures do not verify under the public key given.",
    fix: "Give the log's Ed25519 public key (PEM) or its vkey; key names are non-empty and contain no spaces or '+'.",
  },
  "TRUST-088": {
    title: "Attestation cannot be a log leaf",
    cause: "The attestation is not plain JSON, so it has no canonical bytes to hash as a leaf.",
    fix: "Pass the attestation as parsed from its JSON file.",
  },
  "TRUST-089": {
    title: "Log position out of range",
    cause:
      "A proof or root was asked for a leaf index at or beyond the tree size, a tree size larger than the log, or a consistency proof from size 0 or from a larger to a smaller size.",
    fix: "Ask for positions inside the log: 0 <= leafIndex < treeSize <= current size, and 1 <= oldSize <= newSize.",
  },
  "TRUST-090": {
    title: "Signing key not in the trust root",
    cause:
      "A trust root is configured (runtimeEnvironment.trustRootPath or a StrictPolicyRegistry), but the signer's key is not one of its keys meant for attestations and valid now (unknown, revoked, expired or for another purpose). The reason names which.",
    fix: "Sign with a key of the trust root (parmana trust add-key / rotate), or give the signer the keyId the root uses for its key.",
  },
  "TRUST-091": {
    title: "Signature does not verify under the trust root",
    cause:
      "The signer's signature does not verify under the trust root's key for its signerKeyId: the signer uses another key than the one the root lists under that id.",
    fix: "Give the signer the keyId under which the trust root lists its key, or add its key to the root.",
  },
  "TRUST-092": {
    title: "Conflicting trustRootVersion",
    cause:
      "The trustRootVersion option differs from the version of the trust root the execution is bound to.",
    fix: "Drop the option: with a trust root, attestations carry that root's version.",
  },
  "TRUST-093": {
    title: "Development runtime identity in production",
    cause:
      "executeFromSignals ran with NODE_ENV=production on code whose runtime identity is a development one (run from source, or a bundle of a build without its embedded identity), so every auditor would reject its attestations (INV-VERIFY-004).",
    fix: "Run the built @parmanasystems/core (dist/), or bundle it from its dist/ so the embedded runtime identity comes along.",
  },
};
