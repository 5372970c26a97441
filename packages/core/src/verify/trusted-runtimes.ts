import { InvariantError } from "../errors/parmana-error.js";
import { computeRuntimeHash, getRuntimeHistory, getRuntimeIdentity } from "../runtime/index.js";
import type { RuntimeManifest } from "../runtime/runtime-manifest.types.js";
import type { TrustedRuntime, VerifyAttestationOptions } from "./verify-attestation.types.js";

/** The runtimes one verification trusts. */
export interface TrustedRuntimeSet {
  /** Trusted identities: `runtimeHash` to the `runtimeVersion` it must come with. */
  readonly versionsByHash: ReadonlyMap<string, ReadonlySet<string>>;
  /** Hashes trusted without a version cross-check (`trustedRuntimeHashes`). */
  readonly anyVersionHashes: ReadonlySet<string>;
}

let defaultSet: { readonly source: object; readonly set: TrustedRuntimeSet } | undefined;

/**
 * Every runtime a verification trusts, built in one place so that new sources (the committed
 * history of earlier releases, runtimes listed in a trust root) are one more `add` here: the
 * running runtime, then those the caller passes.
 *
 * @param options - the caller's trusted runtimes, manifests and hashes
 * @returns the set
 * @throws InvariantError `INV-EXEC-003` when an option entry is not of its documented shape
 * @throws CanonicalizationError when a runtime manifest is not plain JSON
 */
export function collectTrustedRuntimes(options: VerifyAttestationOptions): TrustedRuntimeSet {
  const { trustedRuntimes, runtimeManifests, trustedRuntimeHashes, trustRoot } = options;
  if (
    trustedRuntimes === undefined &&
    runtimeManifests === undefined &&
    trustedRuntimeHashes === undefined &&
    trustRoot === undefined
  ) {
    // Hot path: the same set for every call without runtime options, while the identity is the same.
    const running = getRuntimeIdentity();
    if (defaultSet?.source !== running) defaultSet = { source: running, set: buildSet([], [], []) };
    return defaultSet.set;
  }
  return buildSet(
    listOption(trustedRuntimes, "trustedRuntimes"),
    listOption(runtimeManifests, "runtimeManifests"),
    // A trust root lists bare hashes, trusted like trustedRuntimeHashes.
    [
      ...listOption(trustedRuntimeHashes, "trustedRuntimeHashes"),
      ...(trustRoot?.trustedRuntimeHashes ?? []),
    ],
  );
}

function buildSet(
  identities: readonly TrustedRuntime[],
  manifests: readonly RuntimeManifest[],
  hashes: readonly string[],
): TrustedRuntimeSet {
  const versionsByHash = new Map<string, Set<string>>();
  const add = (runtimeHash: string, runtimeVersion: string): void => {
    const versions = versionsByHash.get(runtimeHash);
    if (versions === undefined) versionsByHash.set(runtimeHash, new Set([runtimeVersion]));
    else versions.add(runtimeVersion);
  };
  const running = getRuntimeIdentity();
  add(running.runtimeHash, running.runtimeVersion);
  // Earlier releases of this package, so upgrading never invalidates old attestations.
  for (const earlier of getRuntimeHistory()) add(earlier.runtimeHash, earlier.runtimeVersion);
  for (const identity of identities) {
    if (typeof identity?.runtimeHash !== "string" || typeof identity.runtimeVersion !== "string") {
      throw new InvariantError(
        "INV-EXEC-003",
        "each trustedRuntimes entry needs string runtimeHash and runtimeVersion",
      );
    }
    add(identity.runtimeHash, identity.runtimeVersion);
  }
  for (const manifest of manifests) {
    if (typeof manifest?.runtimeVersion !== "string") {
      throw new InvariantError(
        "INV-EXEC-003",
        "each runtimeManifests entry needs a string runtimeVersion",
      );
    }
    add(computeRuntimeHash(manifest), manifest.runtimeVersion);
  }
  const anyVersionHashes = new Set<string>();
  for (const hash of hashes) {
    if (typeof hash !== "string")
      throw new InvariantError("INV-EXEC-003", "trustedRuntimeHashes must be strings");
    anyVersionHashes.add(hash);
  }
  return { versionsByHash, anyVersionHashes };
}

function listOption<T>(value: readonly T[] | undefined, name: string): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new InvariantError("INV-EXEC-003", `verifyAttestation option ${name} must be an array`);
  return value;
}
