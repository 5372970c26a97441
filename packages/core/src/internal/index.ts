// `@parmanasystems/core/internal`: building blocks that Parmana's own packages (provenance,
// audit-db, cli, the adapters) share with core. Not a public API: names here may change or go in
// any release without a major version. Applications import from `@parmanasystems/core`.

// Policies: error builders and the compiled-policy brand
export {
  createSignalValidationError,
  createPolicyCompilationError,
} from "../policy/problem-errors.js";
export { isCompiledPolicy } from "../policy/ensure-compiled-policy.js";
export { POLICIES_ROOT_ENV } from "../policy/resolve-policies-root.js";

// Policy bundles: file names and hashes
export {
  BUNDLE_MANIFEST_FILE,
  BUNDLE_SIGNATURE_FILE,
  POLICY_ARTIFACT,
} from "../bundle/bundle-files.js";
export { computeManifestHash } from "../bundle/bundle-hash.js";
export { policyCapabilities } from "../bundle/policy-capabilities.js";

// Encodings
export { decodeBase64Strict } from "../crypto/base64.js";

// Time: a strict RFC 3339 instant with an offset (impossible dates and times refused)
export { isIsoDateTime } from "./iso-date-time.js";

// Trust roots: key purposes per signing domain
export { TRUST_KEY_PURPOSES, purposesForDomain } from "../trust/trust-key-purposes.js";

// Runtime identity: release manifest, recorded history, evaluator hashes, capabilities
export { CORE_PACKAGE_NAME, getReleaseManifest } from "../runtime/get-runtime-manifest.js";
export type { ReleaseManifest, ReleaseManifestPackage } from "../runtime/runtime-manifest.types.js";
export { getRuntimeHistory, parseRuntimeHistory } from "../runtime/runtime-history.js";
export type { RuntimeHistoryEntry } from "../runtime/runtime-history.js";
export {
  computeEvaluatorSemanticHash,
  computeEvaluatorArtifactHash,
} from "../runtime/create-runtime-manifest.js";
export { SUPPORTED_SCHEMA_VERSIONS, runtimeCapabilities } from "../runtime/runtime-capabilities.js";

// Attestations and verification
export { attestationPayload } from "../attestation/attestation-signing-input.js";
export { executionHashesOfCanonicalSignals } from "../attestation/internal/execution-hashes-of-canonical-signals.js";
export { attestationRecordProblems } from "../verify/internal/attestation-record-problems.js";
export { collectTrustedRuntimes } from "../verify/trusted-runtimes.js";
export type { TrustedRuntimeSet } from "../verify/trusted-runtimes.js";

// Executing decisions and overrides
export { isReplayStore } from "../execute/resolve-call-form.js";
export { DEFAULT_PENDING_OVERRIDE_MAX_SIZE } from "../override/memory-pending-override-store.js";

// Transparency log
export { isValidNoteKeyName } from "../transparency/note-format.js";
export { MERKLE_HASH_SIZE } from "../transparency/merkle-hash.js";

// Structural checks shared across packages: never instanceof, never a getter call
export {
  describeKind,
  describeValue,
  describeValueRedacted,
  hasOwn,
  isPlainRecord,
  isThenable,
  messageOf,
} from "./type-checks.js";
export { readClockInstant } from "./read-clock.js";
export {
  isStringKeyedRecord,
  withoutUndefinedMembers,
} from "../signal-provenance/internal/records.js";
