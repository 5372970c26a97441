import { canonicalize } from "../../canonical/canonicalize.js";
import { sha256HexDigest } from "../../internal/node-crypto.js";
import { createTrustRootVerifier, type TrustRootVerifier } from "../trust-root-verifier.js";
import type { TrustRoot } from "../trust-root.types.js";

// Validating a root parses every public key: do it once per root content, not per verification.
// Keyed on the content (SHA-256 of its canonical JSON), never on the caller's object: a root
// edited in place (a key revoked, `keys` emptied) is a different root and gets its own verifier.
const byContent = new Map<string, TrustRootVerifier>();
const MAX_ENTRIES = 64;
// The deep-frozen private copies our verifiers hold cannot change, so their identity is enough.
const byFrozenRoot = new WeakMap<object, TrustRootVerifier>();

/**
 * The trust-root verifier of `trustRoot` (with default options), built once per root content.
 *
 * @internal
 * @throws TrustError `TRUST-002` for an invalid root
 */
export function trustRootVerifierFor(trustRoot: TrustRoot): TrustRootVerifier {
  const frozen = byFrozenRoot.get(trustRoot);
  if (frozen !== undefined) return frozen;
  let cached: TrustRootVerifier | undefined;
  try {
    cached = byContent.get(sha256HexDigest(canonicalize(trustRoot)));
  } catch {
    // Not plain JSON: createTrustRootVerifier reports why (TRUST-002).
  }
  if (cached !== undefined) return cached;
  const verifier = createTrustRootVerifier(trustRoot);
  // Cached under the content of the private copy it judges by, so that an object that read
  // differently the second time (a getter, a Proxy) cannot plant a verifier under another key.
  const ownKey = sha256HexDigest(canonicalize(verifier.trustRoot));
  if (byContent.size >= MAX_ENTRIES) byContent.delete(byContent.keys().next().value as string);
  byContent.set(ownKey, verifier);
  byFrozenRoot.set(verifier.trustRoot, verifier);
  return verifier;
}
