import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { positional, requiredStringOption, stringOption } from "../cli/option-values.js";
import { DEFAULT_TRUST_ROOT_PATH } from "../io/load-trust-root-file.js";
import { applyRotation, formatRotation, ROTATION_OPTIONS } from "./apply-rotation.js";

/** `parmana trust revoke`: refuse a key's signatures from an instant on. */
export const trustRevokeCommand: CommandSpec = {
  path: ["trust", "revoke"],
  summary: "Revoke a key from an instant on (a new root version, signed by a current key).",
  usage: "<keyId>",
  description:
    "Signatures the key made with issuedAt at or after --at are refused; earlier ones keep verifying.\n" +
    "--at may lie in the past (a compromise discovered late). A later revocation never moves an\n" +
    "earlier one forward.",
  options: {
    at: {
      type: "string",
      valueName: "<iso>",
      description: "Revocation instant, RFC 3339 (required).",
    },
    ...ROTATION_OPTIONS,
  },
  positionals: { min: 1, max: 1 },
  examples: [
    "parmana trust revoke ed25519-3d40... --at 2026-03-01T00:00:00Z --signing-key keys/2026/private.pem",
  ],
  async run(context) {
    const keyId = positional(context, 0, "key id");
    const at = requiredStringOption(context, "at");
    const outcome = await applyRotation(context, () => ({
      revokeKeys: [{ keyId, revokedAt: at }],
    }));
    context.io.stdout.write(`revoked key ${keyId} from ${at}\n`);
    context.io.stdout.write(
      formatRotation(outcome, stringOption(context, "trust-root") ?? DEFAULT_TRUST_ROOT_PATH),
    );
    return EXIT_CODES.ok;
  },
};
