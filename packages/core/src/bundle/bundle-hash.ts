import { codedBoundary } from "../internal/coded-boundary.js";
import { malformedInput } from "../internal/malformed-input.js";
import { canonicalHash } from "../hashing/sha256.js";
import { bundleHashInput, type BundleContentIdentity } from "./internal/bundle-hash-input.js";
import type { BundleManifest } from "./bundle.types.js";

export type { BundleContentIdentity } from "./internal/bundle-hash-input.js";

/**
 * The content hash of a bundle: `canonicalHash({ policyId, policyVersion, schemaVersion, artifacts })`.
 * Runtime requirements are left out on purpose, so the same policy content has the same
 * `bundleHash` whichever core version built the bundle; the signature covers them.
 *
 * @param identity - policy identity and artifacts
 * @returns `"sha256:<hex>"`
 * @throws CanonicalizationError when a member is not plain JSON
 * @throws TrustError `TRUST-070` when `identity` or its `artifacts` cannot be read as such
 */
export function computeBundleHash(identity: BundleContentIdentity): string {
  return codedBoundary(
    () => canonicalHash(bundleHashInput(identity)),
    (raw) => malformedInput("computeBundleHash", "a bundle identity with an artifacts array", raw),
  );
}

/**
 * The `manifestHash` attestations carry: `canonicalHash(manifest)`, equal to the SHA-256 of the
 * canonical `bundle.manifest.json` file.
 *
 * @param manifest - a bundle manifest
 * @returns `"sha256:<hex>"`
 * @throws CanonicalizationError when the manifest is not plain JSON
 */
export function computeManifestHash(manifest: BundleManifest): string {
  return canonicalHash(manifest);
}
