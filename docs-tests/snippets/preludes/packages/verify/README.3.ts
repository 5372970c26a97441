// "Trust chains": a root pinned earlier, two published rotations (the second adds the issuer's
// current attestation key), and the newest root seen before.
import {
  createTrustRoot,
  createTrustRootKey,
  generateKeyPair,
  LocalSigner,
  rotateTrustRoot,
  type TrustRoot,
} from "@parmanasystems/core";
import { publicKeyPem, runtime, signer } from "../../common.js";

const k1 = generateKeyPair();
const k2 = generateKeyPair();
const rootKey = (pem: string, keyId: string) =>
  createTrustRootKey(pem, {
    keyId,
    purposes: ["attestation", "trust-root"],
    validFrom: "2020-01-01T00:00:00Z",
  });

export const pinnedRoot: TrustRoot = createTrustRoot({
  trustRootVersion: "2026-01",
  keys: [rootKey(k1.publicKeyPem, "k1")],
  trustedRuntimeHashes: [runtime.runtimeHash],
});
export const root2026_06: TrustRoot = (
  await rotateTrustRoot(pinnedRoot, {
    signer: new LocalSigner(k1.privateKeyPem, { keyId: "k1" }),
    signerKeyId: "k1",
    trustRootVersion: "2026-06",
    addKeys: [rootKey(k2.publicKeyPem, "k2")],
  })
).root;
export const root2026_12: TrustRoot = (
  await rotateTrustRoot(root2026_06, {
    signer: new LocalSigner(k2.privateKeyPem, { keyId: "k2" }),
    signerKeyId: "k2",
    trustRootVersion: "2026-12",
    addKeys: [rootKey(publicKeyPem, signer.signerKeyId)],
  })
).root;
export const newestSeenRoot: TrustRoot = root2026_06;
