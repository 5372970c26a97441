import type { CommandGroup, CommandSpec } from "../cli/command.types.js";
import { keygenCommand } from "./keygen.js";
import { verifyAttestationCommand } from "./verify/attestation.js";

/** Every leaf command, in the order `parmana --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [keygenCommand, verifyAttestationCommand];

/** Command groups and their one-line summaries. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { name: "policy", summary: "Author, compile, sign, test and upgrade policies." },
  { name: "verify", summary: "Verify attestations, policy bundles and the runtime." },
  { name: "trust", summary: "Create and maintain a trust root (keys, rotation, revocation)." },
];
