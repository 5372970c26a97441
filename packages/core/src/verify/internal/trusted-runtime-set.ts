import { runtimeManifestDefinition } from "../../runtime/internal/runtime-manifest-shape.js";
// Platform-neutral (no node: import): shared as source with @parmanasystems/verify. The caller
// supplies the runtimes it always trusts and how to hash a runtime manifest.
import { InvariantError } from "../../errors/parmana-error.js";
import type { RuntimeManifest } from "../../runtime/runtime-manifest.types.js";
import type { TrustedRuntime } from "../verify-attestation.types.js";

/** The runtimes one verification trusts. */
export interface TrustedRuntimeSet {
  /** Trusted identities: `runtimeHash` to the `runtimeVersion` it must come with. */
  readonly versionsByHash: ReadonlyMap<string, ReadonlySet<string>>;
  /** Hashes trusted without a version cross-check (`trustedRuntimeHashes`). */
  readonly anyVersionHashes: ReadonlySet<string>;
}

/** What one verification adds to the runtimes a verifier always trusts. */
export interface TrustedRuntimeSources {
  readonly identities: readonly TrustedRuntime[];
  readonly manifests: readonly RuntimeManifest[];
  readonly hashes: readonly string[];
}

/**
 * Builds the trusted set: the verifier's own runtimes (`known`), then the caller's identities,
 * manifests (each standing for `hashManifest(manifest)`) and bare hashes.
 *
 * @internal
 * @throws InvariantError `INV-EXEC-003` when an entry is not of its documented shape
 */
export function buildTrustedRuntimeSet(
  known: readonly TrustedRuntime[],
  sources: TrustedRuntimeSources,
  hashManifest: (manifest: RuntimeManifest) => string,
): TrustedRuntimeSet {
  const versionsByHash = new Map<string, Set<string>>();
  const add = (runtimeHash: string, runtimeVersion: string): void => {
    const versions = versionsByHash.get(runtimeHash);
    if (versions === undefined) versionsByHash.set(runtimeHash, new Set([runtimeVersion]));
    else versions.add(runtimeVersion);
  };
  for (const runtime of known) add(runtime.runtimeHash, runtime.runtimeVersion);
  for (const identity of sources.identities) {
    if (typeof identity?.runtimeHash !== "string" || typeof identity.runtimeVersion !== "string") {
      throw new InvariantError(
        "INV-EXEC-003",
        "each trustedRuntimes entry needs string runtimeHash and runtimeVersion",
      );
    }
    add(identity.runtimeHash, identity.runtimeVersion);
  }
  for (const manifest of sources.manifests) {
    if (typeof manifest?.runtimeVersion !== "string") {
      throw new InvariantError(
        "INV-EXEC-003",
        "each runtimeManifests entry needs a string runtimeVersion",
      );
    }
    // A manifest as getRuntimeManifest() returns it carries its own runtimeHash: hash the rest.
    add(hashManifest(runtimeManifestDefinition(manifest)), manifest.runtimeVersion);
  }
  const anyVersionHashes = new Set<string>();
  for (const hash of sources.hashes) {
    if (typeof hash !== "string")
      throw new InvariantError("INV-EXEC-003", "trustedRuntimeHashes must be strings");
    anyVersionHashes.add(hash);
  }
  return { versionsByHash, anyVersionHashes };
}

/**
 * An optional list option, checked to be an array.
 *
 * @internal
 * @throws InvariantError `INV-EXEC-003` when it is not an array
 */
export function listOption<T>(value: readonly T[] | undefined, name: string): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new InvariantError("INV-EXEC-003", `verifyAttestation option ${name} must be an array`);
  return value;
}
