// @parmanasystems/adapters-vault: Parmana signers and verifiers backed by Vault / OpenBao Transit.

// Signing and verification
export { VaultSigner } from "./signer/vault-signer.js";
export { VaultVerifier } from "./verifier/vault-verifier.js";

// Trust roots
export { createVaultTrustRootKeys } from "./trust/vault-trust-root-keys.js";
export type {
  VaultKeyVersionSource,
  VaultTrustRootKeysOptions,
} from "./trust/vault-trust-root-keys.js";

// Options
export type {
  VaultAppRoleAuth,
  VaultAuth,
  VaultConnectionOptions,
  VaultKeyVersion,
  VaultSignerOptions,
  VaultTokenAuth,
  VaultVerifierOptions,
} from "./options/vault-options.types.js";
