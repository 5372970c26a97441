import { readFileSync } from "node:fs";

/**
 * Reads a file that sits next to the running module: `dist/<name>` when running the built
 * bundle (ESM `import.meta.url`; the CJS build gets the same value through tsup's shims), or
 * `src/runtime/<name>` when running from source. Returns undefined when the file is absent or
 * the module was not loaded from a file (a bundler put core somewhere else).
 *
 * @internal
 */
export function readSiblingFile(relativePath: string): string | undefined {
  let url: URL;
  try {
    url = new URL(relativePath, import.meta.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== "file:") return undefined;
  try {
    return readFileSync(url, "utf8");
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}

function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}
