import { createTrustRootKey } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { requiredStringOption, stringOption } from "../cli/option-values.js";
import { DEFAULT_TRUST_ROOT_PATH } from "../io/load-trust-root-file.js";
import { loadPublicKey } from "../io/load-keys.js";
import { withPath } from "../io/with-path.js";
import { applyRotation, formatRotation, ROTATION_OPTIONS } from "./apply-rotation.js";
import {
  DEFAULT_PURPOSES,
  instantOption,
  KEY_ENTRY_OPTIONS,
  purposesOption,
} from "./trust-options.js";

/** `parmana trust add-key`: trust one more key, through a signed rotation. */
export const trustAddKeyCommand: CommandSpec = {
  path: ["trust", "add-key"],
  summary: "Add a public key to the trust root (a new root version, signed by a current key).",
  usage: "",
  description:
    "Every change to a trust root is a rotation record signed by a key of the current root, so a\n" +
    "verifier holding an old root can walk to the new one. Keys are never removed.",
  options: {
    key: {
      type: "string",
      short: "k",
      valueName: "<public.pem>",
      description: "Public key to add (required).",
    },
    "key-id": {
      type: "string",
      valueName: "<id>",
      description: "Its key id.",
      defaultText: "key.json beside it, else derived",
    },
    ...KEY_ENTRY_OPTIONS,
    ...ROTATION_OPTIONS,
  },
  positionals: { min: 0, max: 0 },
  examples: [
    "parmana trust add-key --key keys/ops/public.pem --purposes attestation --signing-key keys/root/private.pem",
  ],
  async run(context) {
    const keyPath = requiredStringOption(context, "key");
    const loaded = loadPublicKey(context.io, keyPath);
    const validUntil = stringOption(context, "valid-until");
    const description = stringOption(context, "description");
    const purposes = purposesOption(context, DEFAULT_PURPOSES);
    let key;
    try {
      key = createTrustRootKey(loaded.pem, {
        keyId: stringOption(context, "key-id") ?? loaded.keyId,
        purposes,
        validFrom: instantOption(context, "valid-from", new Date()),
        ...(validUntil === undefined ? {} : { validUntil }),
        ...(description === undefined ? {} : { description }),
      });
    } catch (error) {
      throw withPath(error, keyPath);
    }
    const outcome = await applyRotation(context, () => ({ addKeys: [key] }));
    context.io.stdout.write(
      `added key ${key.keyId} (${key.purposes.join(", ")}) valid from ${key.validFrom}\n`,
    );
    context.io.stdout.write(
      formatRotation(outcome, stringOption(context, "trust-root") ?? DEFAULT_TRUST_ROOT_PATH),
    );
    return EXIT_CODES.ok;
  },
};
