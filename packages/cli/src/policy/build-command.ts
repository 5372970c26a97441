import { generateBundle } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import {
  booleanOption,
  positional,
  requiredStringOption,
  stringOption,
} from "../cli/option-values.js";
import { loadSigner } from "../io/load-keys.js";
import { resolvePath } from "../io/resolve-path.js";
import { withPath } from "../io/with-path.js";
import { shown } from "./create-command.js";

/** `parmana policy build`: compile and sign a policy bundle. */
export const policyBuildCommand: CommandSpec = {
  path: ["policy", "build"],
  summary: "Build a signed bundle: bundle.manifest.json and bundle.sig beside policy.json.",
  usage: "<dir>",
  description:
    "The manifest is deterministic (no timestamps): policy identity, schema version, artifact hashes,\n" +
    "bundleHash and runtime requirements. bundle.sig is the manifest signed under the manifest domain\n" +
    "with --key; its key id must be in the trust root of whoever serves or verifies the bundle.",
  options: {
    key: {
      type: "string",
      short: "k",
      valueName: "<private.pem>",
      description: "Signing key (required).",
    },
    "key-id": {
      type: "string",
      valueName: "<id>",
      description: "Key id written to bundle.sig.",
      defaultText: "key.json beside the key, else derived",
    },
    out: {
      type: "string",
      short: "o",
      valueName: "<dir>",
      description: "Write the bundle (with a copy of policy.json) here.",
      defaultText: "the policy's folder",
    },
    "min-runtime-version": {
      type: "string",
      valueName: "<semver>",
      description: "Oldest runtime allowed to serve it.",
      defaultText: "this runtime's version",
    },
    json: {
      type: "boolean",
      description: "Print { dir, bundleHash, manifestHash, keyId } as JSON.",
    },
  },
  positionals: { min: 1, max: 1 },
  examples: ["parmana policy build policies/loan-approval/1.0.0 --key keys/private.pem"],
  async run(context) {
    const { io } = context;
    const dir = positional(context, 0, "policy folder");
    const signer = loadSigner(
      io,
      requiredStringOption(context, "key"),
      stringOption(context, "key-id"),
    );
    const out = stringOption(context, "out");
    const minRuntimeVersion = stringOption(context, "min-runtime-version");
    let bundle;
    try {
      bundle = await generateBundle(resolvePath(io, dir), {
        signer,
        ...(out === undefined ? {} : { outDir: resolvePath(io, out) }),
        ...(minRuntimeVersion === undefined ? {} : { minRuntimeVersion }),
      });
    } catch (error) {
      throw withPath(error, dir);
    }
    if (booleanOption(context, "json")) {
      io.stdout.write(
        `${JSON.stringify({ dir: shown(io.cwd, bundle.dir), policyId: bundle.manifest.policyId, policyVersion: bundle.manifest.policyVersion, bundleHash: bundle.bundleHash, manifestHash: bundle.manifestHash, keyId: bundle.signature.keyId })}\n`,
      );
    } else {
      io.stdout.write(
        `built ${bundle.manifest.policyId}@${bundle.manifest.policyVersion} in ${shown(io.cwd, bundle.dir)}\n` +
          `  bundleHash    ${bundle.bundleHash}\n  manifestHash  ${bundle.manifestHash}\n  signed by     ${bundle.signature.keyId}\n`,
      );
    }
    return EXIT_CODES.ok;
  },
};
