import { dirname } from "node:path";
import {
  FilePolicyRegistry,
  MemoryPolicyRegistry,
  StrictPolicyRegistry,
  type ExecuteInput,
  type PolicyRegistry,
  type TrustRoot,
} from "@parmanasystems/core";
import type { CommandContext, OptionSpec } from "../cli/command.types.js";
import { requiredStringOption, stringOption } from "../cli/option-values.js";
import { usageError } from "../errors/index.js";
import { loadCompiledPolicy } from "../io/load-policy.js";
import { readSignals } from "../io/read-signals.js";
import { resolvePath } from "../io/resolve-path.js";
import { findPolicies } from "../policy/find-policies.js";

/** Options shared by `parmana simulate` and `parmana execute`. */
export const EXECUTION_INPUT_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  "policy-id": {
    type: "string",
    valueName: "<id>",
    description: "Policy to decide under (with --policy-version).",
  },
  "policy-version": { type: "string", valueName: "<semver>", description: "Its version." },
  signals: {
    type: "string",
    short: "s",
    valueName: "<file|json>",
    description: "Signals: a JSON file, or inline JSON starting with '{' (required).",
  },
  root: {
    type: "string",
    valueName: "<dir>",
    description: "Policies root holding {policyId}/{policyVersion}/policy.json.",
    defaultText: "$PARMANA_POLICIES_ROOT, else ./policies",
  },
  policy: {
    type: "string",
    valueName: "<dir|policy.json>",
    description: "Decide under this policy file instead (ids taken from it).",
  },
  "execution-id": {
    type: "string",
    valueName: "<id>",
    description: "Business transaction id (executionId).",
    defaultText: "a random UUID",
  },
};

/**
 * Reads the execution input and the registry to resolve its policy from.
 *
 * With a trust root, policies are served only from signed bundles that verify against it
 * ({@link StrictPolicyRegistry}), so the attestation names the real bundle.
 *
 * @param context - the command context
 * @param trustRoot - serve only signed bundles trusted by this root
 * @returns the input for `simulate` / `executeFromSignals` and the policy registry
 * @throws CliError `CLI-001` for missing or conflicting options, `CLI-002`/`CLI-004` for the signals file;
 *   `POL-` errors for a --policy that does not compile
 */
export function readExecutionInput(
  context: CommandContext,
  trustRoot?: TrustRoot,
): { input: ExecuteInput; policies: PolicyRegistry } {
  const signals = readSignals(context.io, requiredStringOption(context, "signals"));
  const executionId = stringOption(context, "execution-id");
  const policyPath = stringOption(context, "policy");
  const policyId = stringOption(context, "policy-id");
  const policyVersion = stringOption(context, "policy-version");
  if (policyPath !== undefined) {
    if (stringOption(context, "root") !== undefined)
      throw usageError("give --policy or --root, not both", context.commandName);
    if (trustRoot !== undefined) {
      // A signed bundle is looked up by id and version under its policies root.
      const found = findPolicies(context.io, policyPath)[0];
      if (found?.expected === undefined) {
        throw usageError(
          "with --trust-root, --policy must name a {policyId}/{policyVersion} folder under a policies root",
          context.commandName,
        );
      }
      const { policyId: id, policyVersion: version } = found.expected;
      return {
        input: {
          policyId: id,
          policyVersion: version,
          signals,
          ...(executionId === undefined ? {} : { executionId }),
        },
        policies: new StrictPolicyRegistry({ root: dirname(dirname(found.dir)), trustRoot }),
      };
    }
    const policy = loadCompiledPolicy(context.io, policyPath);
    if (
      (policyId !== undefined && policyId !== policy.policyId) ||
      (policyVersion !== undefined && policyVersion !== policy.policyVersion)
    ) {
      throw usageError(
        `--policy holds ${policy.policyId}@${policy.policyVersion}, not the --policy-id/--policy-version given`,
        context.commandName,
      );
    }
    return {
      input: {
        policyId: policy.policyId,
        policyVersion: policy.policyVersion,
        signals,
        ...(executionId === undefined ? {} : { executionId }),
      },
      policies: new MemoryPolicyRegistry([policy]),
    };
  }
  if (policyId === undefined || policyVersion === undefined) {
    throw usageError(
      "give --policy-id and --policy-version (or --policy <dir>)",
      context.commandName,
    );
  }
  const root = stringOption(context, "root");
  const input = {
    policyId,
    policyVersion,
    signals,
    ...(executionId === undefined ? {} : { executionId }),
  };
  if (trustRoot !== undefined) {
    const rootPath = resolvePath(
      context.io,
      root ?? context.io.env.PARMANA_POLICIES_ROOT ?? "policies",
    );
    return { input, policies: new StrictPolicyRegistry({ root: rootPath, trustRoot }) };
  }
  return {
    input,
    policies: new FilePolicyRegistry(
      root === undefined ? {} : { policiesRootPath: resolvePath(context.io, root) },
    ),
  };
}
