export { signGovernancePayload } from "./sign-governance-payload.js";
export { verifyGovernanceSignature } from "./verify-governance-signature.js";
export { exportPublicKey, importPublicKey, generateGovernanceKeyPair } from "./governance-keys.js";
export type {
  GovernanceSignature,
  SignablePayload,
  GovernanceSigningDomain,
  SignGovernancePayloadInput,
  VerifyGovernanceSignatureInput,
  GovernanceKeyPair,
} from "./governance-signature.types.js";
