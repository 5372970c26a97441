// The internals rule (docs/CONTRIBUTING.md, "Internals"): a file directly in `<folder>/` defines
// what the folder exports, so its folder's index.ts re-exports it; a building block the index
// does not export lives in `<folder>/internal/`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** Folders that are entry points or are the package-wide internals themselves. */
const NOT_FOLDERS_OF_EXPORTS = new Set(["internal", "portable"]);

/** Loose files that stay where they are, each with its reason. */
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  [
    "runtime/read-sibling-file.ts",
    "reads runtime-history.json and ../../package.json relative to its own module when core runs from source",
  ],
  ["execute/replay-steps.ts", "owned by the replay work, which moves it itself"],
]);

function looseFiles(): string[] {
  const loose: string[] = [];
  for (const folder of readdirSync(SRC)) {
    const dir = join(SRC, folder);
    if (NOT_FOLDERS_OF_EXPORTS.has(folder) || !statSync(dir).isDirectory()) continue;
    const index = readFileSync(join(dir, "index.ts"), "utf8");
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".ts") || name === "index.ts") continue;
      const path = `${folder}/${name}`;
      if (EXCEPTIONS.has(path)) continue;
      if (!index.includes(`"./${name.replace(/\.ts$/, ".js")}"`)) loose.push(path);
    }
  }
  return loose;
}

describe("core's internals rule", () => {
  it("every file directly in a folder is re-exported by that folder's index.ts", () => {
    // A file listed here is an unexported helper: move it into its folder's internal/.
    expect(looseFiles()).toEqual([]);
  });
});
