import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { TrustRoot } from "@parmanasystems/core";
import { CliError } from "../errors/index.js";
import { resolvePath } from "../io/resolve-path.js";
import { writeOutputFile } from "../io/write-output-file.js";

/**
 * The JSON text of a trust root as the CLI writes it: two-space indented, trailing newline.
 *
 * @param root - the trust root
 * @returns the file content
 */
export function trustRootText(root: TrustRoot): string {
  return `${JSON.stringify(root, null, 2)}\n`;
}

/**
 * Replaces the trust-root file with the next root, first keeping the previous one beside it as
 * `trust-root.<version>.json` (old roots stay available to verifiers that walk the chain).
 *
 * @param io - working directory
 * @param path - the trust-root file as typed
 * @param previous - the root being replaced
 * @param next - the new root
 * @returns the path of the archived previous root, as shown
 * @throws CliError `CLI-005` when an archive of that version with other content exists, `CLI-009` write failures
 */
export function replaceTrustRootFile(
  io: { readonly cwd: string },
  path: string,
  previous: TrustRoot,
  next: TrustRoot,
): string {
  const absolute = resolvePath(io, path);
  const stem = basename(absolute).replace(/\.json$/, "");
  const archiveName = `${stem}.${previous.trustRootVersion.replace(/[^A-Za-z0-9._-]/g, "_")}.json`;
  const archiveAbsolute = join(dirname(absolute), archiveName);
  const archiveShown = join(dirname(path), archiveName);
  const previousText = trustRootText(previous);
  let existing: string | undefined;
  try {
    existing = readFileSync(archiveAbsolute, "utf8");
  } catch {
    existing = undefined;
  }
  if (existing === undefined) {
    writeOutputFile(archiveAbsolute, previousText, archiveShown);
  } else if (JSON.stringify(JSON.parse(existing)) !== JSON.stringify(previous)) {
    throw new CliError(
      "CLI-005",
      `${archiveShown} already exists with different content; move it away before rotating`,
    );
  }
  writeOutputFile(absolute, trustRootText(next), path, { force: true });
  return archiveShown;
}
