import { rotateTrustRoot, type RotateTrustRootOptions, type TrustRoot } from "@parmanasystems/core";
import type { CommandContext, OptionSpec } from "../cli/command.types.js";
import { stringOption } from "../cli/option-values.js";
import { DEFAULT_TRUST_ROOT_PATH, loadTrustRootFile } from "../io/load-trust-root-file.js";
import { withPath } from "../io/with-path.js";
import { replaceTrustRootFile } from "./trust-root-files.js";
import { rotationSigner } from "./trust-options.js";

/** Options of every command that produces the next trust root through a signed rotation. */
export const ROTATION_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  "trust-root": {
    type: "string",
    valueName: "<file>",
    description:
      "The trust root to change (replaced in place; the previous one is kept beside it).",
    defaultText: DEFAULT_TRUST_ROOT_PATH,
  },
  "signing-key": {
    type: "string",
    valueName: "<private.pem>",
    description:
      "Private key of the current root that signs the rotation (purpose trust-root; required).",
  },
  "signing-key-id": {
    type: "string",
    valueName: "<id>",
    description: "Its key id, when it cannot be found by its public key.",
  },
  version: {
    type: "string",
    valueName: "<version>",
    description: "trustRootVersion of the new root.",
    defaultText: "the current one + 1",
  },
};

/**
 * Loads the trust root, asks core to rotate it with the given changes, signed by --signing-key,
 * and replaces the file, keeping the previous root beside it.
 *
 * @param context - the command context
 * @param changes - what the new root adds or revokes, given the current root and the signing key's id
 * @returns the previous root, the new root, and where the previous one was kept
 * @throws TrustError `TRUST-002`/`TRUST-030` from core; CliError for files and usage
 */
export async function applyRotation(
  context: CommandContext,
  changes: (
    current: TrustRoot,
    signerKeyId: string,
  ) => Pick<RotateTrustRootOptions, "addKeys" | "revokeKeys" | "newKey">,
): Promise<{
  previous: TrustRoot;
  next: TrustRoot;
  archived: string;
  signedBy: string;
  rotatedAt: string;
}> {
  const path = stringOption(context, "trust-root") ?? DEFAULT_TRUST_ROOT_PATH;
  const current = loadTrustRootFile(context.io, path);
  const signer = rotationSigner(context, current);
  const version = stringOption(context, "version");
  const requested = changes(current, signer.signerKeyId);
  let rotation;
  try {
    rotation = await rotateTrustRoot(current, {
      signer,
      ...requested,
      ...(version === undefined ? {} : { trustRootVersion: version }),
    });
  } catch (error) {
    throw withPath(error, path);
  }
  const archived = replaceTrustRootFile(context.io, path, current, rotation.root);
  return {
    previous: current,
    next: rotation.root,
    archived,
    signedBy: rotation.record.signedBy,
    rotatedAt: rotation.record.rotatedAt,
  };
}

/**
 * The lines printed after a rotation.
 *
 * @param outcome - what {@link applyRotation} returned
 * @param path - the trust-root file as typed
 * @returns text ending with a newline
 */
export function formatRotation(
  outcome: Awaited<ReturnType<typeof applyRotation>>,
  path: string,
): string {
  return (
    `trust root ${outcome.previous.trustRootVersion} -> ${outcome.next.trustRootVersion} written to ${path}\n` +
    `  rotation signed by ${outcome.signedBy} at ${outcome.rotatedAt}\n` +
    `  previous root kept at ${outcome.archived}\n`
  );
}
