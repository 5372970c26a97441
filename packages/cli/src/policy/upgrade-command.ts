import { upgradePolicy } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { positional, stringOption } from "../cli/option-values.js";
import { resolvePath } from "../io/resolve-path.js";
import { ROOT_OPTION, shown } from "./create-command.js";

/** `parmana policy upgrade`: copy the latest version to the next patch version. */
export const policyUpgradeCommand: CommandSpec = {
  path: ["policy", "upgrade"],
  summary:
    "Copy the latest version of a policy to the next patch version (existing versions are never touched).",
  usage: "<id>",
  description:
    "Decisions already made name their version; a change to a policy is always a new version.\nThe copy has no bundle: build and sign it again with `parmana policy build`.",
  options: { ...ROOT_OPTION },
  positionals: { min: 1, max: 1 },
  examples: ["parmana policy upgrade loan-approval"],
  async run(context) {
    const id = positional(context, 0, "policy id");
    const root = resolvePath(context.io, stringOption(context, "root") ?? "policies");
    const location = upgradePolicy(root, id);
    context.io.stdout.write(
      `created ${location.policyId}@${location.policyVersion} at ${shown(context.io.cwd, location.path)}\n`,
    );
    return EXIT_CODES.ok;
  },
};

/**
 * `parmana workspace upgrade`: the name the Parmana product documents for `policy upgrade`, kept
 * so existing scripts run unchanged.
 */
export const workspaceUpgradeCommand: CommandSpec = {
  ...policyUpgradeCommand,
  path: ["workspace", "upgrade"],
  summary: "Same as `parmana policy upgrade` (the documented name in earlier Parmana releases).",
  examples: ["parmana workspace upgrade loan-approval"],
};
