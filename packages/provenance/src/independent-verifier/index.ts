export { verifyGovernanceProof } from "./verify-governance-proof.js";
export type { IndependentVerificationResult } from "./independent-verification.types.js";
