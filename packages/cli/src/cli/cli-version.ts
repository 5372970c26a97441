import { readFileSync } from "node:fs";

/**
 * The version of `@parmanasystems/cli`, read from its package.json (one folder above `dist/`,
 * where the published tarball keeps it).
 *
 * @returns the semver string, or `"unknown"` when package.json cannot be read
 */
export function cliVersion(): string {
  try {
    const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
    const parsed = JSON.parse(text) as { version?: unknown };
    return typeof parsed.version === "string" ? parsed.version : "unknown";
  } catch {
    return "unknown";
  }
}
