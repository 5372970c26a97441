import { createTrustRoot, createTrustRootKey } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import {
  booleanOption,
  multipleStringOption,
  requiredStringOption,
  stringOption,
} from "../cli/option-values.js";
import { loadPublicKey } from "../io/load-keys.js";
import { DEFAULT_TRUST_ROOT_PATH } from "../io/load-trust-root-file.js";
import { resolvePath } from "../io/resolve-path.js";
import { writeOutputFile } from "../io/write-output-file.js";
import { withPath } from "../io/with-path.js";
import { trustRootText } from "./trust-root-files.js";
import {
  DEFAULT_PURPOSES,
  instantOption,
  KEY_ENTRY_OPTIONS,
  purposesOption,
} from "./trust-options.js";

/** `parmana trust init`: a new trust root with one key. */
export const trustInitCommand: CommandSpec = {
  path: ["trust", "init"],
  summary: "Create a trust root holding one public key.",
  usage: "",
  description:
    "Writes a trust root (trustRootVersion, keys, trusted runtime hashes). The key id is --key-id, else\n" +
    "the one recorded by `parmana keygen` in key.json beside the key, else the id derived from the key.\n" +
    "By default the key may sign attestations, bundle manifests and trust-root rotations, from now on.",
  options: {
    key: {
      type: "string",
      short: "k",
      valueName: "<public.pem>",
      description: "Public key to trust (required).",
    },
    "key-id": {
      type: "string",
      valueName: "<id>",
      description: "Key id (the signerKeyId attestations carry).",
    },
    out: {
      type: "string",
      short: "o",
      valueName: "<file>",
      description: "Where to write the trust root.",
      defaultText: DEFAULT_TRUST_ROOT_PATH,
    },
    version: {
      type: "string",
      valueName: "<version>",
      description: "trustRootVersion of the new root.",
      defaultText: "1",
    },
    "runtime-hash": {
      type: "string",
      multiple: true,
      valueName: "<sha256:hex>",
      description: "A runtime hash to trust besides the verifier's own (repeatable).",
    },
    ...KEY_ENTRY_OPTIONS,
    force: { type: "boolean", description: "Replace an existing trust-root file." },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    "parmana trust init --key keys/public.pem",
    "parmana trust init --key keys/public.pem --key-id acme-2026 --valid-from 2026-01-01T00:00:00Z --out trust/trust-root.json",
  ],
  async run(context) {
    const { io } = context;
    const keyPath = requiredStringOption(context, "key");
    const out = stringOption(context, "out") ?? DEFAULT_TRUST_ROOT_PATH;
    const loaded = loadPublicKey(io, keyPath);
    const keyId = stringOption(context, "key-id") ?? loaded.keyId;
    const validUntil = stringOption(context, "valid-until");
    const description = stringOption(context, "description");
    const purposes = purposesOption(context, DEFAULT_PURPOSES);
    let root;
    try {
      const key = createTrustRootKey(loaded.pem, {
        keyId,
        purposes,
        validFrom: instantOption(context, "valid-from", new Date()),
        ...(validUntil === undefined ? {} : { validUntil }),
        ...(description === undefined ? {} : { description }),
      });
      root = createTrustRoot({
        trustRootVersion: stringOption(context, "version") ?? "1",
        keys: [key],
        trustedRuntimeHashes: multipleStringOption(context, "runtime-hash"),
      });
    } catch (error) {
      throw withPath(error, out);
    }
    writeOutputFile(resolvePath(io, out), trustRootText(root), out, {
      force: booleanOption(context, "force"),
    });
    const entry = root.keys[0];
    io.stdout.write(
      `trust root ${root.trustRootVersion} written to ${out}\n` +
        `  key ${entry?.keyId} (${entry?.purposes.join(", ")}) valid from ${entry?.validFrom}${entry?.validUntil === undefined ? "" : ` until ${entry.validUntil}`}\n`,
    );
    return EXIT_CODES.ok;
  },
};
