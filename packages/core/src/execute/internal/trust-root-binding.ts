import { TrustError } from "../../errors/parmana-error.js";
import type { Signer } from "../../crypto/signer.types.js";
import { selectTrustedKey } from "../../trust/select-trusted-key.js";
import type { TrustRoot, TrustRootKey } from "../../trust/trust-root.types.js";

/** What an execution bound to a trust root writes, and how it checks its own signature. */
export interface TrustRootBinding {
  readonly signerKeyId: string;
  readonly trustRootVersion: string;
  /** Throws `TRUST-091` unless the signature verifies under the root's key. */
  readonly checkSignature: (signingInput: string, signature: string) => void;
}

/**
 * The rule of every execution that serves policies from a trust root (the library's
 * `runtimeEnvironment.trustRootPath` and `parmana execute --trust-root` alike): the signing key
 * must be a key of that root, meant for attestations and valid at `issuedAt`; the attestation
 * carries the root's `trustRootVersion` and the id the root gives the key. The key is found by
 * the signer's `signerKeyId` (or the `signerKeyId` option), else, for a signer that exposes its
 * `publicKeyPem` (LocalSigner), by its public key.
 *
 * @internal
 * @throws TrustError `TRUST-090` the key is not acceptable, `TRUST-092` a conflicting
 *   `trustRootVersion` option
 */
export function bindToTrustRoot(
  trustRoot: TrustRoot,
  signer: Signer,
  options: { readonly signerKeyId?: string; readonly trustRootVersion?: string },
  issuedAt: string,
): TrustRootBinding {
  if (
    options.trustRootVersion !== undefined &&
    options.trustRootVersion !== trustRoot.trustRootVersion
  ) {
    throw new TrustError(
      "TRUST-092",
      `the trustRootVersion option is ${JSON.stringify(options.trustRootVersion)}, but the execution serves trust root ${trustRoot.trustRootVersion}`,
    );
  }
  const named = options.signerKeyId ?? signer.signerKeyId;
  const byPublicKey = findByPublicKey(trustRoot.keys, signer);
  const keyId =
    named !== undefined && trustRoot.keys.some((key) => key.keyId === named)
      ? named
      : (byPublicKey?.keyId ?? named);
  if (keyId === undefined) {
    throw new TrustError(
      "TRUST-090",
      `the signer names no key (signerKeyId) and exposes no public key, so it cannot be matched to trust root ${trustRoot.trustRootVersion}`,
    );
  }
  const choice = selectTrustedKey(trustRoot, keyId, { at: issuedAt, purpose: "attestation" });
  if (!choice.ok) {
    throw new TrustError(
      "TRUST-090",
      `the signing key cannot sign attestations under trust root ${trustRoot.trustRootVersion}: [${choice.code}] ${choice.reason}`,
      { details: { signerKeyId: keyId, reasonCode: choice.code } },
    );
  }
  return {
    signerKeyId: keyId,
    trustRootVersion: trustRoot.trustRootVersion,
    checkSignature(signingInput, signature) {
      if (!choice.verifier.verify(signingInput, signature)) {
        throw new TrustError(
          "TRUST-091",
          `the signature does not verify under key ${keyId} of trust root ${trustRoot.trustRootVersion}: the signer holds another key`,
          { details: { signerKeyId: keyId } },
        );
      }
    },
  };
}

function findByPublicKey(keys: readonly TrustRootKey[], signer: Signer): TrustRootKey | undefined {
  const pem = (signer as { readonly publicKeyPem?: unknown }).publicKeyPem;
  if (typeof pem !== "string") return undefined;
  const wanted = pem.trim();
  return keys.find((key) => key.publicKey.trim() === wanted);
}
