import { computeRuntimeHash, getRuntimeHistory, getRuntimeIdentity } from "../runtime/index.js";
import {
  buildTrustedRuntimeSet,
  listOption,
  type TrustedRuntimeSet,
} from "./internal/trusted-runtime-set.js";
import type { VerifyAttestationOptions } from "./verify-attestation.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { TrustError } from "../errors/parmana-error.js";

export type { TrustedRuntimeSet } from "./internal/trusted-runtime-set.js";

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
  try {
    const { trustedRuntimes, runtimeManifests, trustedRuntimeHashes, trustRoot } = options;
    if (
      trustedRuntimes === undefined &&
      runtimeManifests === undefined &&
      trustedRuntimeHashes === undefined &&
      trustRoot === undefined
    ) {
      // Hot path: the same set for every call without runtime options, while the identity is the same.
      const running = getRuntimeIdentity();
      if (defaultSet?.source !== running)
        defaultSet = {
          source: running,
          set: buildSet({ identities: [], manifests: [], hashes: [] }),
        };
      return defaultSet.set;
    }
    return buildSet({
      identities: listOption(trustedRuntimes, "trustedRuntimes"),
      manifests: listOption(runtimeManifests, "runtimeManifests"),
      // A trust root lists bare hashes, trusted like trustedRuntimeHashes.
      hashes: [
        ...listOption(trustedRuntimeHashes, "trustedRuntimeHashes"),
        ...(trustRoot?.trustedRuntimeHashes ?? []),
      ],
    });
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-070", "collectTrustedRuntimes");
  }
}

function buildSet(sources: Parameters<typeof buildTrustedRuntimeSet>[1]): TrustedRuntimeSet {
  // The running runtime, then earlier releases of this package, so upgrading never invalidates
  // old attestations.
  return buildTrustedRuntimeSet(
    [getRuntimeIdentity(), ...getRuntimeHistory()],
    sources,
    computeRuntimeHash,
  );
}
