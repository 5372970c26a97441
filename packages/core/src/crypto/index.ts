export { LocalSigner } from "./local-signer.js";
export type { LocalSignerOptions } from "./local-signer.js";
export { LocalVerifier } from "./local-verifier.js";
export type { LocalVerifierOptions } from "./local-verifier.js";
export { normalizeEcdsaP256Signature } from "./ecdsa-low-s.js";
export {
  generateKeyPair,
  generateP256KeyPair,
  ed25519PrivateKeyFromRaw,
  deriveKeyId,
  exportPublicKeyPem,
  exportEd25519PublicKeyRaw,
} from "./keys.js";
export type { Ed25519KeyPair, PrivateKeyInput, PublicKeyInput } from "./keys.js";
export { encodeBase64, decodeBase64Strict } from "./base64.js";
export type {
  Signer,
  Verifier,
  SyncVerifier,
  AsyncVerifier,
  SignatureAlgorithmName,
  SigningKeyAlgorithm,
} from "./signer.types.js";
