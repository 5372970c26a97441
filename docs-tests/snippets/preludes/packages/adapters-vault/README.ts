// The signer and verifier of the page's quick start, on the Vault named by VAULT_ADDR.
import { mkdirSync } from "node:fs";
import { VaultSigner, VaultVerifier } from "@parmanasystems/adapters-vault";

export const signer: VaultSigner = new VaultSigner(
  process.env.VAULT_ADDR!,
  process.env.VAULT_TOKEN!,
  "parmana",
);
export const verifier: VaultVerifier = new VaultVerifier(
  process.env.VAULT_ADDR!,
  process.env.VAULT_TOKEN!,
  "parmana",
);
mkdirSync("trust", { recursive: true });
