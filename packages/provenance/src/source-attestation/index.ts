export { verifySourceAttestation } from "./verify-source-attestation.js";
export type {
  SourceAttestation,
  SourceAttestationVerificationResult,
  VerificationResult,
  SignatureAlgorithm,
} from "@parmanasystems/core";
