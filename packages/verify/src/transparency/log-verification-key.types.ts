import type { PublicKeyInput } from "../keys/verification-key.types.js";

/**
 * The log key a checkpoint is checked with: a note verifier key string (`name+hexid+base64`), an
 * Ed25519 public key (PEM, JWK, 32 raw bytes or from `importPublicKey`; its name is then the
 * checkpoint's origin), or an explicit `{ name, publicKey }`.
 */
export type LogVerificationKey =
  PublicKeyInput | { readonly name: string; readonly publicKey: PublicKeyInput };
