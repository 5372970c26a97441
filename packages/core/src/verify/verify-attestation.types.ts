import type { CompiledPolicy } from "../policy/compiled-policy.types.js";
import type { PolicyDocument } from "../policy/policy.types.js";
import type { RuntimeManifest } from "../runtime/runtime-manifest.types.js";
import type { TrustRoot } from "../trust/trust-root.types.js";

/** The four checks of {@link verifyAttestation}. */
export interface AttestationChecks {
  /** The signature covers every other field under the verifier's key. */
  readonly signature_verified: boolean;
  /** `runtimeHash` is a runtime this verifier trusts, and `runtimeVersion` is its version. */
  readonly runtime_verified: boolean;
  /** `schemaVersion` is one this verifier supports. */
  readonly schema_compatible: boolean;
  /** The record is well formed and matches the policy and signals given, if any. */
  readonly governed: boolean;
}

/** What {@link verifyAttestation} reports. It never throws for a bad attestation. */
export interface AttestationVerificationResult {
  /** True only when every check passed. */
  readonly valid: boolean;
  readonly checks: AttestationChecks;
  /** Why checks failed; each starts with a `[CODE]` tag from the error catalogue. */
  readonly errors: readonly string[];
  /** Facts that do not fail a check (the deprecated `evaluatorHash` differing, for instance). */
  readonly warnings: readonly string[];
}

/** A runtime a verifier trusts: the identity fields an attestation carries. */
export interface TrustedRuntime {
  readonly runtimeVersion: string;
  /** `"sha256:<hex>"`. */
  readonly runtimeHash: string;
}

/** Options of {@link verifyAttestation}; every member is optional. */
export interface VerifyAttestationOptions {
  /** Runtimes trusted besides the running one, by identity. */
  readonly trustedRuntimes?: readonly TrustedRuntime[];
  /** Runtime manifests trusted besides the running one; each stands for `computeRuntimeHash(manifest)`. */
  readonly runtimeManifests?: readonly RuntimeManifest[];
  /** Runtime hashes trusted whatever `runtimeVersion` says (no version cross-check). */
  readonly trustedRuntimeHashes?: readonly string[];
  /**
   * The policy that should have decided: `policyId`, `policyVersion`, `bundleHash` and
   * `manifestHash` must match, and with `signals` the decision is re-evaluated.
   */
  readonly policy?: PolicyDocument | CompiledPolicy;
  /** The signals that were decided (plain or governed): `signalsHash` and the fingerprint must match. */
  readonly signals?: Readonly<Record<string, unknown>>;
  /** Schema versions accepted; the runtime's supported set (`["1.0.0"]`) by default. */
  readonly supportedSchemaVersions?: readonly string[];
  /**
   * A trust root (see `loadTrustRoot`): the signature is then checked under the key it names by
   * `signerKeyId`, valid and unrevoked at `issuedAt`, with purpose `attestation` (the reason is
   * in `errors` when refused), and its `trustedRuntimeHashes` count as trusted runtimes.
   */
  readonly trustRoot?: TrustRoot;
}

/**
 * Third argument of {@link verifyAttestation}: options, or (as the product documents) a runtime
 * manifest or runtime identity to trust, told apart by its `runtimeVersion` member.
 */
export type VerifyAttestationInput = VerifyAttestationOptions | RuntimeManifest | TrustedRuntime;
