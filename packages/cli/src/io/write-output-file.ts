import { chmodSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { CliError } from "../errors/index.js";

/** Options of {@link writeOutputFile}. */
export interface WriteOutputFileOptions {
  /** Replace an existing file. */
  readonly force?: boolean;
  /** File permissions for a new file, e.g. 0o600 for private keys. */
  readonly mode?: number;
}

/**
 * Writes a file, creating its folder, refusing to replace an existing file unless forced.
 *
 * @param absolutePath - where to write
 * @param content - the text
 * @param shownPath - the path as the user typed it
 * @param options - force and mode
 * @throws CliError `CLI-005` the file exists, `CLI-009` it cannot be written
 */
export function writeOutputFile(
  absolutePath: string,
  content: string,
  shownPath: string,
  options: WriteOutputFileOptions = {},
): void {
  try {
    makeParentFolders(dirname(absolutePath));
    writeFileSync(absolutePath, content, {
      encoding: "utf8",
      flag: options.force === true ? "w" : "wx",
      ...(options.mode === undefined ? {} : { mode: options.mode }),
    });
    // `mode` only applies when the file is created; a replaced file keeps its old permissions otherwise.
    if (options.mode !== undefined && options.force === true) chmodSync(absolutePath, options.mode);
  } catch (error) {
    const code =
      typeof error === "object" && error !== null && "code" in error
        ? String(error.code)
        : undefined;
    if (code === "EEXIST") {
      throw new CliError("CLI-005", `${shownPath} already exists (pass --force to replace it)`, {
        cause: error,
      });
    }
    throw new CliError("CLI-009", `cannot write ${shownPath}: ${code ?? String(error)}`, {
      cause: error,
    });
  }
}

/**
 * Creates the missing folders of `folder` one level at a time. Node 20's recursive mkdirSync
 * never returns for some paths on pseudo file systems (under /proc it keeps answering ENOENT),
 * which would hang the command; non-recursive calls fail with their own errno instead.
 */
function makeParentFolders(folder: string): void {
  const missing: string[] = [];
  for (let current = folder; !pathExists(current); current = dirname(current)) {
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EEXIST") throw error;
    }
  }
}

function pathExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
