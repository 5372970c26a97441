import { join } from "node:path";
import { generateKeyPair } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, stringOption } from "../cli/option-values.js";
import { KEY_INFO_FILE, type KeyInfo } from "../io/load-keys.js";
import { resolvePath } from "../io/resolve-path.js";
import { writeOutputFile } from "../io/write-output-file.js";

/** `parmana keygen`: a fresh Ed25519 key pair on disk. */
export const keygenCommand: CommandSpec = {
  path: ["keygen"],
  summary: "Generate an Ed25519 key pair (private.pem, public.pem, key.json).",
  usage: "",
  description:
    "Writes private.pem (PKCS#8, permissions 0600), public.pem (SPKI) and key.json (the key id) into\n" +
    "the output folder and prints the key id. Existing files are never replaced unless --force.\n" +
    "Commands that take --key private.pem read key.json beside it to learn a key id chosen with --key-id.",
  options: {
    out: {
      type: "string",
      short: "o",
      valueName: "<dir>",
      description: "Folder to write the keys to.",
      defaultText: ".",
    },
    "key-id": {
      type: "string",
      valueName: "<id>",
      description: "Key id to record (signerKeyId of attestations).",
      defaultText: "derived from the public key",
    },
    force: { type: "boolean", description: "Replace existing key files." },
    json: { type: "boolean", description: "Print { keyId, privateKey, publicKey } as JSON." },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    "parmana keygen --out keys",
    "parmana keygen --out keys/2026 --key-id acme-signing-2026",
  ],
  async run(context) {
    const out = stringOption(context, "out") ?? ".";
    const force = booleanOption(context, "force");
    const pair = generateKeyPair();
    const keyId = stringOption(context, "key-id") ?? pair.keyId;
    const dir = resolvePath(context.io, out);
    const shown = (name: string): string => join(out, name);
    // The private key is written first and with 0600 from creation: never world-readable, even briefly.
    writeOutputFile(join(dir, "private.pem"), pair.privateKeyPem, shown("private.pem"), {
      force,
      mode: 0o600,
    });
    writeOutputFile(join(dir, "public.pem"), pair.publicKeyPem, shown("public.pem"), {
      force,
      mode: 0o644,
    });
    const info: KeyInfo = { keyId, algorithm: "ed25519", publicKey: "public.pem" };
    writeOutputFile(
      join(dir, KEY_INFO_FILE),
      `${JSON.stringify(info, null, 2)}\n`,
      shown(KEY_INFO_FILE),
      { force },
    );
    if (booleanOption(context, "json")) {
      context.io.stdout.write(
        `${JSON.stringify({ keyId, algorithm: "ed25519", privateKey: shown("private.pem"), publicKey: shown("public.pem") })}\n`,
      );
    } else {
      context.io.stdout.write(
        `keyId ${keyId}\n  private key  ${shown("private.pem")} (0600, keep it secret)\n  public key   ${shown("public.pem")}\n`,
      );
    }
    return EXIT_CODES.ok;
  },
};
