import { relative } from "node:path";
import { createPolicy } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { positional, stringOption } from "../cli/option-values.js";
import { resolvePath } from "../io/resolve-path.js";

/** Options naming the policies root. */
export const ROOT_OPTION = {
  root: {
    type: "string",
    valueName: "<dir>",
    description: "Policies root.",
    defaultText: "policies",
  },
} as const;

/**
 * Shows an absolute path relative to the working directory when it lies inside it.
 *
 * @param cwd - the working directory
 * @param absolute - the path
 * @returns the path to print
 */
export function shown(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel === "" ? "." : rel.startsWith("..") ? absolute : rel;
}

/** `parmana policy create`: scaffold a new policy. */
export const policyCreateCommand: CommandSpec = {
  path: ["policy", "create"],
  summary: "Scaffold policies/<id>/1.0.0/policy.json with an example rule and a catch-all.",
  usage: "<id>",
  description:
    "Refuses an id that already exists (use `parmana policy upgrade` for a new version).",
  options: {
    ...ROOT_OPTION,
    description: { type: "string", valueName: "<text>", description: "The policy's description." },
  },
  positionals: { min: 1, max: 1 },
  examples: [
    "parmana policy create loan-approval",
    "parmana policy create claims --root config/policies",
  ],
  async run(context) {
    const id = positional(context, 0, "policy id");
    const root = resolvePath(context.io, stringOption(context, "root") ?? "policies");
    const description = stringOption(context, "description");
    const location = createPolicy(root, id, description === undefined ? {} : { description });
    context.io.stdout.write(
      `created ${location.policyId}@${location.policyVersion} at ${shown(context.io.cwd, location.path)}\n` +
        `next: edit it, then \`parmana policy compile ${shown(context.io.cwd, location.dir)}\`\n`,
    );
    return EXIT_CODES.ok;
  },
};
