// Runs the golden corpus against the built package (dist/) in other JavaScript runtimes, each
// installed from the npm registry (deno, bun, workerd, playwright-core) or Debian (chromium).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const PACKAGE_DIR: string = fileURLToPath(new URL("../../", import.meta.url));
export const DIST_ESM: string = join(PACKAGE_DIR, "dist", "index.js");
export const DIST_CJS: string = join(PACKAGE_DIR, "dist", "index.cjs");
const RUNTIMES_DIR = fileURLToPath(new URL("../runtimes/", import.meta.url));
const CORPUS = fileURLToPath(new URL("../corpus/corpus.json", import.meta.url));
const require = createRequire(join(PACKAGE_DIR, "package.json"));

/** What one runtime reported: per key form, how many cases ran and which disagreed. */
export interface RuntimeReport {
  readonly runtime: string;
  readonly cases: number;
  readonly results: Record<
    "pem" | "jwk" | "raw",
    { readonly checked: number; readonly mismatches: readonly unknown[] }
  >;
}

/** Runs a command to completion with a deadline; resolves with stdout, rejects with stderr. */
export function run(
  command: string,
  args: readonly string[],
  timeoutMs = 120_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} exited with ${String(code)}: ${stderr.slice(-2000)}`));
    });
  });
}

function lastJsonLine(stdout: string): RuntimeReport {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as RuntimeReport;
}

function runnerArgs(): [string, string, string] {
  return [
    join(RUNTIMES_DIR, "corpus-runner.mjs"),
    pathToFileURL(DIST_ESM).href,
    pathToFileURL(CORPUS).href,
  ];
}

/** Node with node:crypto made unavailable (ESM and CommonJS). */
export async function runInNodeWithoutCrypto(): Promise<RuntimeReport> {
  const stdout = await run(process.execPath, [
    "--import",
    pathToFileURL(join(RUNTIMES_DIR, "block-node-crypto.mjs")).href,
    ...runnerArgs(),
  ]);
  return lastJsonLine(stdout);
}

/**
 * A binary from an npm package's platform-specific dependency (the launcher packages' install
 * scripts, which would copy it into place, are not run), or undefined when not installed.
 */
function platformBinary(
  launcher: string,
  platformPackage: string,
  file: string,
): string | undefined {
  try {
    const launcherDir = dirname(require.resolve(`${launcher}/package.json`));
    return createRequire(join(launcherDir, "package.json")).resolve(`${platformPackage}/${file}`);
  } catch {
    return undefined;
  }
}

const ARCH = process.arch === "x64" ? "x64" : "arm64";

export function denoBinary(): string | undefined {
  return platformBinary("deno", `@deno/${process.platform}-${ARCH}-glibc`, "deno");
}

export function bunBinary(): string | undefined {
  return platformBinary(
    "bun",
    `@oven/bun-${process.platform}-${ARCH === "x64" ? "x64" : "aarch64"}`,
    "bin/bun",
  );
}

export function workerdBinary(): string | undefined {
  return platformBinary(
    "workerd",
    `@cloudflare/workerd-${process.platform}-${ARCH === "x64" ? "64" : "arm64"}`,
    "bin/workerd",
  );
}

export async function runInDeno(binary: string): Promise<RuntimeReport> {
  const stdout = await run(binary, [
    "run",
    "--no-prompt",
    "--no-remote",
    `--allow-read=${PACKAGE_DIR}`,
    ...runnerArgs(),
  ]);
  return lastJsonLine(stdout);
}

export async function runInBun(binary: string): Promise<RuntimeReport> {
  return lastJsonLine(await run(binary, ["run", ...runnerArgs()]));
}

/** A free loopback port (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Runs the corpus inside workerd (Cloudflare's Workers runtime) and fetches its report. */
export async function runInWorkerd(binary: string): Promise<RuntimeReport> {
  const dir = mkdtempSync(join(tmpdir(), "parmana-workerd-"));
  try {
    copyFileSync(DIST_ESM, join(dir, "verify.js"));
    copyFileSync(CORPUS, join(dir, "corpus.json"));
    copyFileSync(join(RUNTIMES_DIR, "run-corpus.mjs"), join(dir, "run-corpus.mjs"));
    copyFileSync(join(RUNTIMES_DIR, "worker.mjs"), join(dir, "worker.mjs"));
    const port = await freePort();
    writeFileSync(
      join(dir, "config.capnp"),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "verify.js", esModule = embed "verify.js"),
    (name = "run-corpus.mjs", esModule = embed "run-corpus.mjs"),
    (name = "corpus.json", json = embed "corpus.json"),
  ],
  compatibilityDate = "2025-01-01",
);
`,
    );
    const child = spawn(binary, ["serve", join(dir, "config.capnp")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/`);
          return (await response.json()) as RuntimeReport;
        } catch (error) {
          if (Date.now() > deadline || child.exitCode !== null)
            throw new Error(`workerd did not answer: ${String(error)} ${stderr.slice(-2000)}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    } finally {
      child.kill("SIGKILL");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Debian's chromium, when installed. */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];

export function corpusText(): string {
  return readFileSync(CORPUS, "utf8");
}

/** Runs the corpus in Chromium (Debian's, driven by playwright-core) from a file:// page. */
export async function runInChromium(): Promise<RuntimeReport> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  const dir = mkdtempSync(join(tmpdir(), "parmana-chromium-"));
  try {
    writeFileSync(join(dir, "blank.html"), "<!doctype html><title>corpus</title>");
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("file:") && !request.url().startsWith("blob:"))
        requests.push(request.url());
    });
    await page.goto(pathToFileURL(join(dir, "blank.html")).href);
    // Source text, not a function: the test transpiler would add helpers the page lacks.
    const report: unknown = await page.evaluate(`(async () => {
      const load = (source) => import(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
      const verify = await load(${JSON.stringify(readFileSync(DIST_ESM, "utf8"))});
      const runner = await load(${JSON.stringify(readFileSync(join(RUNTIMES_DIR, "run-corpus.mjs"), "utf8"))});
      const corpus = JSON.parse(${JSON.stringify(corpusText())});
      const results = {};
      for (const keyForm of ["pem", "jwk", "raw"]) results[keyForm] = await runner.runCorpus(verify, corpus, { keyForm });
      return { runtime: navigator.userAgent, cases: corpus.cases.length, results };
    })()`);
    if (requests.length > 0)
      throw new Error(`the corpus run made requests: ${requests.join(", ")}`);
    return report as RuntimeReport;
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
