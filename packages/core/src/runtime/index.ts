export { EVALUATOR_SEMANTICS } from "./evaluator-semantics.js";
export type {
  EvaluatorSemanticsDescriptor,
  OperatorSemantics,
  CompositeSemantics,
} from "./evaluator-semantics.js";
export { SUPPORTED_SCHEMA_VERSIONS, runtimeCapabilities } from "./runtime-capabilities.js";
export {
  createRuntimeManifest,
  computeEvaluatorSemanticHash,
  computeEvaluatorArtifactHash,
} from "./create-runtime-manifest.js";
export type { CreateRuntimeManifestOptions } from "./create-runtime-manifest.js";
export {
  getRuntimeManifest,
  getReleaseManifest,
  getRuntimeIdentity,
  computeRuntimeHash,
  CORE_PACKAGE_NAME,
} from "./get-runtime-manifest.js";
export type {
  RuntimeManifest,
  RunningRuntimeManifest,
  RuntimeManifestSource,
  ReleaseManifest,
  ReleaseManifestPackage,
  RuntimeIdentity,
} from "./runtime-manifest.types.js";
export { getRuntimeHistory, parseRuntimeHistory } from "./runtime-history.js";
export type { RuntimeHistoryEntry } from "./runtime-history.js";
export { isTrustedRuntime, checkTrustedRuntime } from "./is-trusted-runtime.js";
export type {
  TrustedRuntimeOptions,
  TrustedRuntimeCheck,
  TrustedRuntimeCheckResult,
  TrustedRuntimeSource,
} from "./is-trusted-runtime.js";
export { verifyRuntime } from "./verify-runtime.js";
export type { VerifyRuntimeOptions, RuntimeVerificationResult } from "./verify-runtime.js";
