import { statSync } from "node:fs";
import { createTrustRootVerifier, verifyBundle, type SyncVerifier } from "@parmanasystems/core";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, positional, stringOption } from "../cli/option-values.js";
import { MARKS, styleFor } from "../cli/style.js";
import { CliError, usageError } from "../errors/index.js";
import { loadPublicKey } from "../io/load-keys.js";
import { loadTrustRootFile } from "../io/load-trust-root-file.js";
import { resolvePath } from "../io/resolve-path.js";

const BUNDLE_CHECKS = ["manifest", "content", "bundleHash", "signature"] as const;

/** `parmana verify bundle`: check a policy bundle's content and signature. */
export const verifyBundleCommand: CommandSpec = {
  path: ["verify", "bundle"],
  summary: "Verify a policy bundle: manifest, content hashes, bundleHash and signature.",
  usage: "<dir>",
  description:
    "A changed policy.json fails content (TRUST-042); a bad signature fails signature (TRUST-045); with\n" +
    "--trust-root, a key that is unknown, revoked or not meant for bundles fails signature (TRUST-046).\n" +
    "Exit code: 0 valid, 1 invalid, 2 usage or input error.",
  options: {
    key: {
      type: "string",
      short: "k",
      valueName: "<public.pem>",
      description: "Public key of the bundle signer.",
    },
    "trust-root": {
      type: "string",
      valueName: "<trust-root.json>",
      description: "Trust root; the key is chosen by bundle.sig's keyId.",
    },
    json: { type: "boolean", description: "Print the result as JSON." },
  },
  positionals: { min: 1, max: 1 },
  examples: [
    "parmana verify bundle policies/loan-approval/1.0.0 --key keys/public.pem",
    "parmana verify bundle policies/loan-approval/1.0.0 --trust-root trust/trust-root.json",
  ],
  async run(context) {
    const { io } = context;
    const dir = positional(context, 0, "bundle folder");
    const key = stringOption(context, "key");
    const trustRoot = stringOption(context, "trust-root");
    if ((key === undefined) === (trustRoot === undefined)) {
      throw usageError(
        "give exactly one of --key <public.pem> or --trust-root <trust-root.json>",
        context.commandName,
      );
    }
    const verifier: SyncVerifier =
      key !== undefined
        ? loadPublicKey(io, key).verifier
        : createTrustRootVerifier(loadTrustRootFile(io, trustRoot as string));
    const absolute = resolvePath(io, dir);
    const stats = statSync(absolute, { throwIfNoEntry: false });
    if (stats === undefined) throw new CliError("CLI-002", `bundle folder not found: ${dir}`);
    if (!stats.isDirectory())
      throw new CliError(
        "CLI-003",
        `${dir} is not a folder (give the folder holding bundle.manifest.json)`,
      );
    const result = verifyBundle(absolute, verifier);
    if (booleanOption(context, "json")) {
      io.stdout.write(`${JSON.stringify({ source: dir, ...result })}\n`);
    } else {
      const style = styleFor(io, io.stdout);
      const lines = [
        result.valid
          ? `${style.ok(`${MARKS.pass} VALID`)}   ${dir}`
          : `${style.bad(`${MARKS.fail} INVALID`)} ${dir}`,
      ];
      for (const name of BUNDLE_CHECKS)
        lines.push(
          `    ${result.checks[name] ? style.ok(MARKS.pass) : style.bad(MARKS.fail)} ${name}`,
        );
      lines.push(
        `    ${style.dim("policy".padEnd(12))} ${result.policyId === undefined ? "-" : `${result.policyId}@${result.version ?? "?"}`}`,
        `    ${style.dim("bundleHash".padEnd(12))} ${result.bundleHash ?? "-"}`,
        `    ${style.dim("manifestHash".padEnd(12))} ${result.manifestHash ?? "-"}`,
        `    ${style.dim("keyId".padEnd(12))} ${result.keyId ?? "-"}`,
      );
      for (const error of result.errors) lines.push(`    ${style.bad("error:")} ${error}`);
      io.stdout.write(`${lines.join("\n")}\n`);
    }
    return result.valid ? EXIT_CODES.ok : EXIT_CODES.failed;
  },
};
