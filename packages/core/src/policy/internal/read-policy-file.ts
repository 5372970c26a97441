import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { PolicyProblem } from "../compiled-policy.types.js";

/** The file name of a policy inside its version folder. */
export const POLICY_FILE_NAME = "policy.json";

/** Outcome of reading a policy file: its parsed JSON, or the one problem that stopped it. */
export type PolicyFileRead =
  | { readonly ok: true; readonly filePath: string; readonly json: unknown }
  | { readonly ok: false; readonly filePath: string; readonly problem: PolicyProblem };

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads and parses a policy file. `path` is the file or its folder. The text is decoded as
 * strict UTF-8 (a leading BOM dropped) and CRLF line endings become LF before parsing, so a
 * file saved on Windows parses — and hashes — like the same file saved elsewhere.
 */
export function readPolicyFile(path: string): PolicyFileRead {
  let filePath = resolve(path);
  const stats = statSync(filePath, { throwIfNoEntry: false });
  if (stats?.isDirectory() === true) filePath = join(filePath, POLICY_FILE_NAME);

  let bytes: Uint8Array;
  try {
    bytes = readFileSync(filePath);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return {
        ok: false,
        filePath,
        problem: {
          code: "POL-001",
          path: "$",
          message: `Policy not found: no file at ${filePath}`,
        },
      };
    }
    return {
      ok: false,
      filePath,
      problem: {
        code: "POL-002",
        path: "$",
        message: `cannot read ${filePath}: ${describeError(error)}`,
      },
    };
  }

  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return {
      ok: false,
      filePath,
      problem: { code: "POL-002", path: "$", message: `${filePath} is not valid UTF-8` },
    };
  }
  try {
    return { ok: true, filePath, json: JSON.parse(text.replace(/\r\n/g, "\n")) as unknown };
  } catch (error) {
    return {
      ok: false,
      filePath,
      problem: {
        code: "POL-002",
        path: "$",
        message: `${filePath} is not valid JSON: ${describeError(error)}`,
      },
    };
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
