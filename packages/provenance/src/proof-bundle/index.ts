export { createGovernanceProofBundle } from "./create-governance-proof-bundle.js";
export { verifyGovernanceProofBundle } from "./verify-governance-proof-bundle.js";
export { GOVERNANCE_PROOF_BUNDLE_SCHEMA_VERSION } from "./proof-bundle-manifest.js";
export type {
  GovernanceProofBundle,
  CreateGovernanceProofBundleInput,
  VerifyGovernanceProofBundleInput,
  GovernanceProofBundleVerificationResult,
  GovernanceProofBundleVerification,
} from "./proof-bundle.types.js";
