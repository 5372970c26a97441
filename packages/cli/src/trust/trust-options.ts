import { type TrustKeyPurpose, type TrustRoot } from "@parmanasystems/core";
import { TRUST_KEY_PURPOSES } from "@parmanasystems/core/internal";
import type { CommandContext, OptionSpec } from "../cli/command.types.js";
import { multipleStringOption, stringOption } from "../cli/option-values.js";
import { usageError } from "../errors/index.js";
import { loadSigner } from "../io/load-keys.js";
import type { LocalSigner } from "@parmanasystems/core";

/** Purposes a key gets when --purposes is not given: sign attestations, bundles and rotations. */
export const DEFAULT_PURPOSES: readonly TrustKeyPurpose[] = [
  "attestation",
  "manifest",
  "trust-root",
];

/** Options shared by the trust commands that add a key. */
export const KEY_ENTRY_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  purposes: {
    type: "string",
    valueName: "<list>",
    description: `Comma-separated purposes (${TRUST_KEY_PURPOSES.join(", ")}).`,
    defaultText: DEFAULT_PURPOSES.join(","),
  },
  "valid-from": {
    type: "string",
    valueName: "<iso>",
    description: "Signatures issued before this instant are refused.",
    defaultText: "now",
  },
  "valid-until": {
    type: "string",
    valueName: "<iso>",
    description: "Signatures issued at or after this instant are refused.",
  },
  description: {
    type: "string",
    valueName: "<text>",
    description: "Free text stored with the key.",
  },
};

/**
 * Reads --purposes.
 *
 * @param context - the command context
 * @param fallback - purposes when the option is absent
 * @returns the purposes
 * @throws CliError `CLI-001` for an unknown purpose
 */
export function purposesOption(
  context: CommandContext,
  fallback: readonly TrustKeyPurpose[],
): TrustKeyPurpose[] {
  const values = multipleStringOption(context, "purposes").flatMap((value) => value.split(","));
  const purposes = values.map((value) => value.trim()).filter((value) => value !== "");
  if (purposes.length === 0) return [...fallback];
  for (const purpose of purposes) {
    if (!(TRUST_KEY_PURPOSES as readonly string[]).includes(purpose)) {
      throw usageError(
        `unknown purpose '${purpose}' (known: ${TRUST_KEY_PURPOSES.join(", ")})`,
        context.commandName,
      );
    }
  }
  return [...new Set(purposes)] as TrustKeyPurpose[];
}

/**
 * Reads an instant option, defaulting to now.
 *
 * @param context - the command context
 * @param name - option name
 * @param now - the current time
 * @returns an RFC 3339 instant (validated by core when used)
 */
export function instantOption(context: CommandContext, name: string, now: Date): string {
  return stringOption(context, name) ?? now.toISOString();
}

/**
 * Loads the private key that signs a rotation and finds its key id in the current root by its
 * public key (unless --signing-key-id names it), so keys added under a chosen id just work.
 *
 * @param context - the command context (reads --signing-key and --signing-key-id)
 * @param root - the current trust root
 * @returns the signer, with the root's key id
 */
export function rotationSigner(context: CommandContext, root: TrustRoot): LocalSigner {
  const path = stringOption(context, "signing-key");
  if (path === undefined)
    throw usageError(
      "missing required option --signing-key <private.pem> (a key of the current trust root with purpose trust-root)",
      context.commandName,
    );
  const explicit = stringOption(context, "signing-key-id");
  if (explicit !== undefined) return loadSigner(context.io, path, explicit);
  const probe = loadSigner(context.io, path);
  const entry = root.keys.find((key) => key.publicKey.trim() === probe.publicKeyPem.trim());
  return entry === undefined || entry.keyId === probe.keyId
    ? probe
    : loadSigner(context.io, path, entry.keyId);
}
