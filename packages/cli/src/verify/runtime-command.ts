import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  canonicalHash,
  getRuntimeManifest,
  verifyRuntime,
  type VerifyRuntimeOptions,
} from "@parmanasystems/core";
import { getReleaseManifest, type ReleaseManifest } from "@parmanasystems/core/internal";
import type { CommandSpec } from "../cli/command.types.js";
import { EXIT_CODES } from "../cli/exit-codes.js";
import { booleanOption, stringOption } from "../cli/option-values.js";
import { MARKS, styleFor } from "../cli/style.js";
import { CliError } from "../errors/index.js";
import { loadTrustRootFile } from "../io/load-trust-root-file.js";
import { readJsonFile } from "../io/read-text-file.js";
import { resolvePath } from "../io/resolve-path.js";

/** The folder the installed `@parmanasystems/core` runs from (its `dist/`). */
function installedCoreDist(): string {
  return dirname(fileURLToPath(import.meta.resolve("@parmanasystems/core")));
}

/** `parmana verify runtime`: check a runtime manifest against its build, release and trust root. */
export const verifyRuntimeCommand: CommandSpec = {
  path: ["verify", "runtime"],
  summary:
    "Verify a runtime manifest: its files, its release manifest and whether a trust root trusts it.",
  usage: "",
  description:
    "Without --runtime-manifest, checks the installed @parmanasystems/core: its runtime manifest, the\n" +
    "built files in its dist/ folder, and the release manifest shipped with it. With --runtime-manifest,\n" +
    "checks that manifest against the --release-manifest, --dist and --trust-root given.\n" +
    "runtimeHash is the hash attestations carry: it pins which code decided.\n" +
    "Exit code: 0 valid, 1 invalid, 2 usage or input error.",
  options: {
    "runtime-manifest": {
      type: "string",
      valueName: "<file>",
      description: "Runtime manifest to check.",
      defaultText: "the installed core's",
    },
    "release-manifest": {
      type: "string",
      valueName: "<file>",
      description: "Release manifest it must belong to.",
      defaultText: "the installed core's, for the installed runtime",
    },
    "trust-root": {
      type: "string",
      valueName: "<file>",
      description: "Trust root that must trust the runtime hash.",
    },
    dist: {
      type: "string",
      valueName: "<dir>",
      description: "Built folder whose files must match the manifest.",
      defaultText: "the installed core's, for the installed runtime",
    },
    json: { type: "boolean", description: "Print the result as JSON." },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    "parmana verify runtime",
    "parmana verify runtime --trust-root trust/trust-root.json",
    "parmana verify runtime --runtime-manifest runtime-manifest.json --release-manifest release-manifest.json",
  ],
  async run(context) {
    const { io } = context;
    const manifestPath = stringOption(context, "runtime-manifest");
    const releasePath = stringOption(context, "release-manifest");
    const trustRootPath = stringOption(context, "trust-root");
    const distPath = stringOption(context, "dist");
    const installed = manifestPath === undefined;
    const manifest: unknown = installed
      ? getRuntimeManifest()
      : readJsonFile(resolvePath(io, manifestPath), "runtime manifest", manifestPath);
    let releaseManifest: ReleaseManifest | undefined;
    if (releasePath !== undefined) {
      releaseManifest = readJsonFile(
        resolvePath(io, releasePath),
        "release manifest",
        releasePath,
      ) as ReleaseManifest;
    } else if (installed) {
      releaseManifest = getReleaseManifest();
    }
    const distDir =
      distPath !== undefined
        ? resolvePath(io, distPath)
        : installed
          ? installedCoreDist()
          : undefined;
    const trustRoot =
      trustRootPath === undefined ? undefined : loadTrustRootFile(io, trustRootPath);
    const options: VerifyRuntimeOptions = {
      ...(releaseManifest === undefined ? {} : { releaseManifest }),
      ...(distDir === undefined ? {} : { distDir }),
      ...(trustRoot === undefined ? {} : { trustRoot }),
    };
    const result = verifyRuntime(manifest, options);
    const record =
      typeof manifest === "object" && manifest !== null
        ? (manifest as Record<string, unknown>)
        : {};
    const checked: string[] = ["manifest shape and evaluatorArtifactHash"];
    if (distDir !== undefined) checked.push(`built files in ${distPath ?? distDir}`);
    if (releaseManifest !== undefined) {
      let releaseHash = "(not plain JSON)";
      try {
        releaseHash = canonicalHash(releaseManifest);
      } catch {
        // A malformed release manifest is reported by verifyRuntime itself.
      }
      checked.push(
        `release manifest ${releaseHash}${releasePath === undefined ? " (installed with core)" : ` (${releasePath})`}`,
      );
    }
    if (trustRoot !== undefined)
      checked.push(`trust root ${trustRootPath} (version ${trustRoot.trustRootVersion})`);
    if (!installed && checked.length === 1) {
      throw new CliError(
        "CLI-001",
        "nothing to check a foreign runtime manifest against: give --release-manifest, --dist or --trust-root",
      );
    }
    if (booleanOption(context, "json")) {
      io.stdout.write(
        `${JSON.stringify({ source: manifestPath ?? "installed", runtimeVersion: record.runtimeVersion, checked, ...result })}\n`,
      );
    } else {
      const style = styleFor(io, io.stdout);
      const title = `runtime ${String(record.runtimeVersion ?? "?")}${installed ? " (installed @parmanasystems/core)" : ` (${manifestPath})`}`;
      const lines = [
        result.valid
          ? `${style.ok(`${MARKS.pass} VALID`)}   ${title}`
          : `${style.bad(`${MARKS.fail} INVALID`)} ${title}`,
      ];
      lines.push(`    ${style.dim("runtimeHash".padEnd(22))} ${result.runtimeHash ?? "-"}`);
      lines.push(
        `    ${style.dim("evaluatorSemanticHash".padEnd(22))} ${String(record.evaluatorSemanticHash ?? "-")}`,
      );
      for (const item of checked) lines.push(`    ${style.dim("checked".padEnd(22))} ${item}`);
      for (const error of result.errors) lines.push(`    ${style.bad("error:")} ${error}`);
      for (const warning of result.warnings) lines.push(`    warning: ${warning}`);
      io.stdout.write(`${lines.join("\n")}\n`);
    }
    return result.valid ? EXIT_CODES.ok : EXIT_CODES.failed;
  },
};
