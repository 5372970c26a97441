import type { RuntimeManifest, TrustedRuntime, TrustRoot } from "@parmanasystems/core/portable";

/** A trust root object (as in `trust/trust-root.json`) or its JSON text. */
export type TrustRootInput = TrustRoot | string;

/** Options of `verifyAttestation`; every member is optional. */
export interface VerifyAttestationOptions {
  /** Runtimes trusted besides the released ones, by identity. */
  readonly trustedRuntimes?: readonly TrustedRuntime[];
  /** Runtime manifests trusted besides the released ones; each stands for its canonical hash. */
  readonly runtimeManifests?: readonly RuntimeManifest[];
  /** Runtime hashes trusted whatever `runtimeVersion` says (no version cross-check). */
  readonly trustedRuntimeHashes?: readonly string[];
  /** Schema versions accepted; `["1.0.0"]` by default. */
  readonly supportedSchemaVersions?: readonly string[];
}

/**
 * Third argument of `verifyAttestation`: options, or a runtime manifest or runtime identity to
 * trust, told apart by its `runtimeVersion` member (as in `@parmanasystems/core`).
 */
export type VerifyAttestationInput = VerifyAttestationOptions | RuntimeManifest | TrustedRuntime;
