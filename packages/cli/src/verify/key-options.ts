import type { OptionSpec } from "../cli/command.types.js";

/** `--key` / `--trust-root`: how `verify attestation` and `audit verify` choose the signer's key. */
export const VERIFICATION_KEY_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  key: {
    type: "string",
    short: "k",
    valueName: "<public.pem>",
    description: "Public key of the signer.",
  },
  "trust-root": {
    type: "string",
    valueName: "<trust-root.json>",
    description: "Trust root; the key is chosen by the attestation's signerKeyId.",
  },
};
