import { verifyWithKey } from "../keys/import-public-key.js";
import { explainSignature } from "../trust/explain-signature.js";
import type { ResolvedTrust } from "./resolve-trust.js";

/**
 * Whether a signature verifies under the key, or under the trust-root key its payload names
 * (purpose from its signing domain), as core's verifiers answer `verify`.
 *
 * @internal
 */
export async function checkSignature(
  trust: ResolvedTrust,
  signingInput: string,
  signature: string,
): Promise<boolean> {
  if (trust.trust !== undefined)
    return (await explainSignature(trust.trust, signingInput, signature)).valid;
  return verifyWithKey(trust.key, signingInput, signature);
}
