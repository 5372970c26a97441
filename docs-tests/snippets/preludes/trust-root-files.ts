// Helpers the preludes share (not a prelude: snippets take no name from here).
import { mkdirSync, writeFileSync } from "node:fs";
import { createTrustRoot, createTrustRootKey, type TrustRoot } from "@parmanasystems/core";
import { publicKeyPem, runtime, signer } from "./common.js";

/** A trust root holding the common signer's key, written to trust/trust-root.json. */
export function writeTrustRootOfSigner(): TrustRoot {
  const root = createTrustRoot({
    keys: [
      createTrustRootKey(publicKeyPem, {
        keyId: signer.signerKeyId,
        purposes: ["attestation", "override", "bundle", "manifest", "trust-root"],
        validFrom: "2020-01-01T00:00:00Z",
      }),
    ],
    trustedRuntimeHashes: [runtime.runtimeHash],
  });
  mkdirSync("trust", { recursive: true });
  writeFileSync("trust/trust-root.json", JSON.stringify(root, null, 2));
  return root;
}
