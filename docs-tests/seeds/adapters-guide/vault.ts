import type { Signer } from "@parmanasystems/core";

export class VaultSigner implements Signer {
  constructor(
    private vaultAddr: string,
    private token:     string,
    private keyName:   string
  ) {}

  async sign(payload: string): Promise<string> {
    const input = Buffer.from(payload).toString("base64");
    const res   = await fetch(
      `${this.vaultAddr}/v1/transit/sign/${this.keyName}`,
      {
        method:  "POST",
        headers: { "X-Vault-Token": this.token, "Content-Type": "application/json" },
        body:    JSON.stringify({ input, prehashed: false }),
      }
    );
    if (!res.ok) throw new Error(`Vault sign failed: ${res.status}`);
    const { data } = await res.json() as { data: { signature: string } };
    // Vault returns "vault:v1:<base64>" - strip the prefix
    return data.signature.replace(/^vault:v\d+:/, "");
  }
}

export class VaultVerifier {
  constructor(
    private vaultAddr: string,
    private token:     string,
    private keyName:   string
  ) {}

  async verify(payload: string, signature: string): Promise<boolean> {
    const input = Buffer.from(payload).toString("base64");
    const res   = await fetch(
      `${this.vaultAddr}/v1/transit/verify/${this.keyName}`,
      {
        method:  "POST",
        headers: { "X-Vault-Token": this.token, "Content-Type": "application/json" },
        body:    JSON.stringify({ input, signature: `vault:v1:${signature}` }),
      }
    );
    if (!res.ok) return false;
    const { data } = await res.json() as { data: { valid: boolean } };
    return data.valid;
  }
}
