/** What a bundle needs from the runtime that serves it. */
export interface RuntimeRequirements {
  /** The oldest `@parmanasystems/core` version allowed to evaluate the policy. */
  readonly minRuntimeVersion: string;
  /** The evaluator semantics the policy was built for; the runtime's must have the same major. */
  readonly evaluatorSemanticVersion: string;
  /** The policy's `schemaVersion`; the runtime must support it. */
  readonly schemaVersion: string;
  /** Capabilities the policy uses (`operator:in`, `signal-type:enum`, ...), sorted. */
  readonly capabilities: readonly string[];
}

/** One file of a bundle and the hash of its content. */
export interface BundleArtifact {
  /** Path relative to the bundle folder, `/`-separated: `"policy.json"`. */
  readonly path: string;
  /** `"sha256:<hex>"` of the UTF-8 text with a leading BOM dropped and CRLF turned into LF. */
  readonly hash: string;
}

/**
 * `bundle.manifest.json`: policy identity, artifacts and their hashes, `bundleHash`, runtime
 * requirements. No timestamps. Written as canonical JSON, so `sha256sum bundle.manifest.json`
 * equals `manifestHash`.
 */
export interface BundleManifest {
  readonly bundleManifestVersion: "1";
  readonly policyId: string;
  readonly policyVersion: string;
  readonly schemaVersion: string;
  readonly artifacts: readonly BundleArtifact[];
  /** `canonicalHash({ policyId, policyVersion, schemaVersion, artifacts })`. */
  readonly bundleHash: string;
  readonly runtimeRequirements: RuntimeRequirements;
}

/**
 * `bundle.sig`: the manifest signed under `SIGNING_DOMAINS.manifest`, i.e. over
 * `canonicalizeForSigning(manifest, SIGNING_DOMAINS.manifest)`. Canonical JSON.
 */
export interface BundleSignature {
  readonly keyId: string;
  readonly algorithm: string;
  /** Standard base64. Attestations carry it as `manifestSignature`. */
  readonly signature: string;
}

/** The bundle identity a compiled policy (and so an attestation) carries. */
export interface BundleIdentity {
  readonly bundleHash: string;
  readonly manifestHash: string;
  readonly manifestSignature: string;
}

/** The four checks of {@link verifyBundle}. */
export interface BundleChecks {
  /** bundle.manifest.json exists and is well formed. */
  readonly manifest: boolean;
  /** Every artifact exists and hashes to the manifest's value, and matches the manifest's identity. */
  readonly content: boolean;
  /** The manifest's bundleHash is the hash of its identity and artifacts. */
  readonly bundleHash: boolean;
  /** bundle.sig verifies over the manifest under the (trusted) key. */
  readonly signature: boolean;
}

/** What {@link verifyBundle} reports. Errors start with their `[TRUST-0xx]` code. */
export interface BundleVerificationResult {
  readonly valid: boolean;
  readonly checks: BundleChecks;
  /** The manifest's bundleHash (undefined when there is no readable manifest). */
  readonly bundleHash: string | undefined;
  /** `canonicalHash(manifest)`. */
  readonly manifestHash: string | undefined;
  readonly policyId: string | undefined;
  readonly version: string | undefined;
  /** The key id bundle.sig names. */
  readonly keyId: string | undefined;
  readonly errors: readonly string[];
}
