export { verifySourceAttestation } from "./verify-source-attestation.js";
export type {
  SourceAttestation,
  VerificationResult,
  SignatureAlgorithm,
} from "@parmanasystems/core";
