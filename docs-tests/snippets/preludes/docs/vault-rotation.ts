// The Vault the page rotates keys in.
export const addr: string = process.env.VAULT_ADDR as string;
export const token: string = process.env.VAULT_TOKEN as string;
