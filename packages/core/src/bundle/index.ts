export { generateBundle, createBundleManifest } from "./generate-bundle.js";
export type {
  GenerateBundleOptions,
  BundleManifestOptions,
  GeneratedBundle,
} from "./generate-bundle.js";
export { verifyBundle } from "./verify-bundle.js";
export { computeBundleHash, computeManifestHash } from "./bundle-hash.js";
export type { BundleContentIdentity } from "./bundle-hash.js";
export { policyCapabilities } from "./policy-capabilities.js";
export { checkRuntimeRequirements } from "./check-runtime-requirements.js";
export { FilePolicyRegistry } from "./file-policy-registry.js";
export type { FilePolicyRegistryOptions } from "./file-policy-registry.js";
export { createDefaultPolicyRegistry } from "./default-policy-registry.js";
export { StrictPolicyRegistry } from "./strict-policy-registry.js";
export type { StrictPolicyRegistryOptions } from "./strict-policy-registry.js";
export { createPolicy, upgradePolicy } from "./create-policy.js";
export type { PolicyLocation, CreatePolicyOptions } from "./create-policy.js";
export { BUNDLE_MANIFEST_FILE, BUNDLE_SIGNATURE_FILE, POLICY_ARTIFACT } from "./bundle-files.js";
export type {
  BundleManifest,
  BundleArtifact,
  BundleSignature,
  BundleIdentity,
  BundleChecks,
  BundleVerificationResult,
  RuntimeRequirements,
} from "./bundle.types.js";
