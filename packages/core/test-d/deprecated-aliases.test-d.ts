// A renamed public type keeps its old name as a deprecated alias of exactly the same type, so code
// written against the old name compiles unchanged. Checked by `pnpm typecheck`.
import type {
  ProvenanceValidationOptions,
  SignalProvenanceValidationOptions,
  SourceAttestationVerificationResult,
  VerificationResult,
} from "@parmanasystems/core";
import type {
  ExecutionAuthorityVerification,
  ExecutionAuthorityVerificationResult,
  ExecutionGateCheck,
  ExecutionGateCheckName,
  GovernanceProofBundleVerification,
  GovernanceProofBundleVerificationResult,
  LineageChainVerification,
  LineageChainVerificationResult,
  VerificationBundleCheck,
  VerificationBundleCheckResult,
} from "@parmanasystems/provenance";
import type { Equal } from "./assert-type.js";

/** Compiles only when the type argument is `true`. */
type Holds<T extends true> = T;

export type DeprecatedAliases = [
  Holds<Equal<ProvenanceValidationOptions, SignalProvenanceValidationOptions>>,
  Holds<Equal<VerificationResult, SourceAttestationVerificationResult>>,
  Holds<Equal<ExecutionAuthorityVerification, ExecutionAuthorityVerificationResult>>,
  Holds<Equal<ExecutionGateCheck, ExecutionGateCheckName>>,
  Holds<Equal<GovernanceProofBundleVerification, GovernanceProofBundleVerificationResult>>,
  Holds<Equal<LineageChainVerification, LineageChainVerificationResult>>,
  Holds<Equal<VerificationBundleCheck, VerificationBundleCheckResult>>,
];
