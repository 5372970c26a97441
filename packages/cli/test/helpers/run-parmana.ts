import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";

/** The built `parmana` binary the tests spawn. */
export const PARMANA_BIN: string = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
/** The built `parmana-verify` binary. */
export const PARMANA_VERIFY_BIN: string = fileURLToPath(
  new URL("../../dist/verify-bin.js", import.meta.url),
);

const built =
  existsSync(PARMANA_BIN) &&
  existsSync(PARMANA_VERIFY_BIN) &&
  existsSync(fileURLToPath(new URL("../../../core/dist/index.js", import.meta.url)));

/**
 * `describe` for suites that spawn the built binary. Locally, without `dist/`, the suite is
 * skipped with a visible reason; in CI (which builds first) a missing build fails.
 */
export const describeBuilt: typeof describe | typeof describe.skip = (() => {
  if (built) return describe;
  if (process.env.CI === "true") {
    throw new Error(
      `packages/cli/dist or packages/core/dist is missing: build before testing (pnpm --filter @parmanasystems/core build && pnpm --filter @parmanasystems/cli build)`,
    );
  }
  console.warn(
    "[cli tests] SKIPPED: packages/cli/dist/bin.js or packages/core/dist is missing. Build first: pnpm --filter @parmanasystems/core build && pnpm --filter @parmanasystems/cli build",
  );
  return describe.skip;
})();

/** What a run of the binary produced. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runParmana}. */
export interface RunOptions {
  readonly cwd: string;
  /** Written to stdin, then stdin is closed. Without it stdin is closed at once (not a TTY). */
  readonly input?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Spawn `parmana-verify` instead of `parmana`. */
  readonly verifyBin?: boolean;
}

/**
 * Spawns the built binary with `node` and collects its output.
 *
 * @param args - arguments after `parmana`
 * @param options - working directory, stdin, environment
 * @returns exit code, stdout and stderr
 */
export function runParmana(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [options.verifyBin === true ? PARMANA_VERIFY_BIN : PARMANA_BIN, ...args],
      {
        cwd: options.cwd,
        env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/**
 * A fresh temporary folder for one test file, removed by the returned cleanup.
 *
 * @param prefix - folder name prefix
 * @returns the folder and its cleanup
 */
export function makeWorkspace(prefix: string): { dir: string; cleanup: () => void } {
  // A skipped suite still runs its describe body but never its afterAll: create nothing then.
  if (!built)
    return { dir: join(tmpdir(), `parmana-cli-${prefix}-skipped`), cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), `parmana-cli-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Matches a stack-trace frame line, which must never reach users without --debug. */
export const STACK_FRAME: RegExp = /^\s+at .+\(?.*:\d+:\d+\)?$/m;
