// The CLI README's `parmana policy test` table is what a reader copies beside the loan-approval
// policy of examples/: run it through the built CLI and every case must pass.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { describeBuilt } from "./helpers/typecheck.js";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(REPO, "packages", "cli", "dist", "bin.js");
const README = join(REPO, "packages", "cli", "README.md");

/** The first `json` code block after the `parmana policy test` heading. */
function documentedTable(): string {
  const text = readFileSync(README, "utf8");
  const section = text.slice(text.indexOf("### `parmana policy test"));
  const table = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (table === undefined) throw new Error("no JSON table under `parmana policy test`");
  return table;
}

describeBuilt("the CLI README's policy test table", () => {
  it("passes against the example loan-approval policy", () => {
    expect(existsSync(CLI), `${CLI} is missing: run \`pnpm build\``).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "parmana-policy-test-"));
    try {
      const policyDir = join(dir, "policies", "loan-approval", "1.0.0");
      cpSync(join(REPO, "examples", "loan-approval", "policies"), join(dir, "policies"), {
        recursive: true,
      });
      const table = documentedTable();
      const cases = (JSON.parse(table) as unknown[]).length;
      writeFileSync(join(policyDir, "policy.test.json"), table);
      const run = spawnSync(process.execPath, [CLI, "policy", "test", policyDir], {
        cwd: dir,
        encoding: "utf8",
      });
      expect(run.stdout + run.stderr).toContain(`${cases} cases: ${cases} passed, 0 failed`);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
