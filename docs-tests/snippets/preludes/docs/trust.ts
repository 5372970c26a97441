// Trust roots as the page's sections have them: the current root with its root key k1, a chain
// of rotations, and the root file on disk.
import {
  createTrustRoot,
  createTrustRootKey,
  generateKeyPair,
  LocalSigner,
  rotateTrustRoot,
  type TrustRoot,
} from "@parmanasystems/core";
import { writeTrustRootOfSigner } from "../trust-root-files.js";

writeTrustRootOfSigner();

const k1 = generateKeyPair();
const k2 = generateKeyPair();
const k3 = generateKeyPair();
const purposes = ["attestation", "trust-root"] as const;

export const current: TrustRoot = createTrustRoot({
  keys: [
    createTrustRootKey(k1.publicKeyPem, {
      keyId: "k1",
      purposes: [...purposes],
      validFrom: "2026-01-01T00:00:00Z",
    }),
  ],
});
export const currentRootSigner: LocalSigner = new LocalSigner(k1.privateKeyPem, { keyId: "k1" });
export const newPublicKey: string = k2.publicKeyPem;

export const pinnedOldRoot: TrustRoot = current;
export const root2: TrustRoot = (
  await rotateTrustRoot(current, {
    signer: currentRootSigner,
    newKey: createTrustRootKey(k2.publicKeyPem, {
      keyId: "k2",
      purposes: [...purposes],
      validFrom: "2026-01-01T00:00:00Z",
    }),
  })
).root;
export const root3: TrustRoot = (
  await rotateTrustRoot(root2, {
    signer: new LocalSigner(k2.privateKeyPem, { keyId: "k2" }),
    newKey: createTrustRootKey(k3.publicKeyPem, {
      keyId: "k3",
      purposes: [...purposes],
      validFrom: "2026-01-01T00:00:00Z",
    }),
  })
).root;

export const candidateRoot: TrustRoot = root3;
export const newestRootIHaveVerified: TrustRoot = root3;
