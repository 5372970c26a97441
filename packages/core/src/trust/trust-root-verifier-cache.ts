import { createTrustRootVerifier, type TrustRootVerifier } from "./trust-root-verifier.js";
import type { TrustRoot } from "./trust-root.types.js";

// Validating a root parses every public key: do it once per root object, not per verification.
const cache = new WeakMap<object, TrustRootVerifier>();

/**
 * The trust-root verifier of `trustRoot`, built once per root object (with default options).
 *
 * @internal
 * @throws TrustError `TRUST-002` for an invalid root
 */
export function trustRootVerifierFor(trustRoot: TrustRoot): TrustRootVerifier {
  let verifier = cache.get(trustRoot);
  if (verifier === undefined) {
    verifier = createTrustRootVerifier(trustRoot);
    cache.set(trustRoot, verifier);
    cache.set(verifier.trustRoot, verifier);
  }
  return verifier;
}
