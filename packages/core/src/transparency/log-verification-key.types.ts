import type { PublicKeyInput } from "../crypto/keys.js";

/**
 * The log key a checkpoint is checked with: a note verifier key string
 * (`name+hexid+base64`), an Ed25519 public key (PEM, KeyObject or 32 raw bytes; its name is then
 * the checkpoint's origin), or an explicit `{ name, publicKey }`.
 */
export type LogVerificationKey =
  PublicKeyInput | { readonly name: string; readonly publicKey: PublicKeyInput };
