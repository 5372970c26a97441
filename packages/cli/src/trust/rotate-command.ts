import { createTrustRootKey, type TrustKeyRevocation } from "@parmanasystems/core";
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

/** `parmana trust rotate`: add a successor key, signed by the key it succeeds. */
export const trustRotateCommand: CommandSpec = {
  path: ["trust", "rotate"],
  summary: "Rotate to a new key: the old key signs a new root that trusts the new key.",
  usage: "",
  description:
    "The new key gets the old key's purposes unless --purposes is given. The old key stays trusted\n" +
    "for what it signed (old attestations keep verifying); pass --revoke-old-at to refuse its\n" +
    "signatures from an instant on, or revoke it later with `parmana trust revoke`.",
  options: {
    "new-key": {
      type: "string",
      valueName: "<public.pem>",
      description: "The successor's public key (required).",
    },
    "new-key-id": {
      type: "string",
      valueName: "<id>",
      description: "Its key id.",
      defaultText: "key.json beside it, else derived",
    },
    "revoke-old-at": {
      type: "string",
      valueName: "<iso>",
      description: "Also revoke the signing key from this instant.",
    },
    ...KEY_ENTRY_OPTIONS,
    ...ROTATION_OPTIONS,
  },
  positionals: { min: 0, max: 0 },
  examples: [
    "parmana trust rotate --signing-key keys/2025/private.pem --new-key keys/2026/public.pem",
  ],
  async run(context) {
    requiredStringOption(context, "signing-key");
    const newKeyPath = requiredStringOption(context, "new-key");
    const loaded = loadPublicKey(context.io, newKeyPath);
    const revokeOldAt = stringOption(context, "revoke-old-at");
    const validUntil = stringOption(context, "valid-until");
    const description = stringOption(context, "description");
    let newKeyId = "";
    const outcome = await applyRotation(context, (current, signerKeyId) => {
      const inherited =
        current.keys.find((key) => key.keyId === signerKeyId)?.purposes ?? DEFAULT_PURPOSES;
      const purposes = purposesOption(context, inherited);
      let key;
      try {
        key = createTrustRootKey(loaded.pem, {
          keyId: stringOption(context, "new-key-id") ?? loaded.keyId,
          purposes,
          validFrom: instantOption(context, "valid-from", new Date()),
          ...(validUntil === undefined ? {} : { validUntil }),
          ...(description === undefined ? {} : { description }),
        });
      } catch (error) {
        throw withPath(error, newKeyPath);
      }
      newKeyId = key.keyId;
      const revokeKeys: TrustKeyRevocation[] =
        revokeOldAt === undefined ? [] : [{ keyId: signerKeyId, revokedAt: revokeOldAt }];
      return { newKey: key, revokeKeys };
    });
    context.io.stdout.write(`new key ${newKeyId} trusted\n`);
    context.io.stdout.write(
      formatRotation(outcome, stringOption(context, "trust-root") ?? DEFAULT_TRUST_ROOT_PATH),
    );
    return EXIT_CODES.ok;
  },
};
