// Every TypeScript snippet of README.md, docs/*.md and packages/*/README.md is a tested artifact.
// Each is extracted verbatim, completed only with the names it leaves to its context: the imports
// of the package it documents, and the values the text around it supplies (a signer, the
// attestation returned above, ...), which the preludes under snippets/preludes/ build for real.
// Then every snippet is type-checked under `tsc --strict` against the built packages, and RUN:
// in its own Node process, in a fresh working directory with a fresh key pair, in-memory stores,
// and the Redis, Postgres, KMS, DynamoDB or Vault server it names. A snippet that throws fails.
// A snippet that cannot be unattended code opts out with a reason right before its fence:
// `<!-- snippet: typecheck-only <reason> -->` (a deliberate fragment: compiled, not run) or
// `<!-- snippet: skip <reason> -->` (not TypeScript: neither).
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  copyPreludes,
  emitJs,
  existingPreludes,
  exportsOf,
  packagesFor,
  type ExportedName,
} from "./helpers/snippet-files.js";
import { snippetServices, type SnippetService } from "./helpers/snippet-services.js";
import { documentedFiles, extractSnippets, type Snippet } from "./helpers/snippets.js";
import { consumerOptions, describeBuilt } from "./helpers/typecheck.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REPO = fileURLToPath(new URL("../..", import.meta.url));
const WORK = join(ROOT, ".snippets");
const PRELUDES = join(ROOT, "snippets", "preludes");
const PACKAGES = [
  "@parmanasystems/core",
  "@parmanasystems/provenance",
  "@parmanasystems/adapters-aws",
  "@parmanasystems/adapters-redis",
  "@parmanasystems/adapters-vault",
  "@parmanasystems/audit-db",
  "@parmanasystems/verify",
] as const;
// A snippet takes 1-2 s alone; the bound only has to catch a hang, and CI runs this file beside
// CPU-heavy suites on two cores (a snippet was once starved past 60 s there).
const RUN_TIMEOUT_MS = 180_000;

const snippets: Snippet[] = documentedFiles(REPO).flatMap((file) => extractSnippets(REPO, file));
const KNOWN_FAILING = new Set(
  JSON.parse(readFileSync(join(ROOT, "snippets", "known-failing.json"), "utf8")) as string[],
);
const tested = snippets.filter((snippet) => snippet.skip === undefined);
const runnable = tested.filter((snippet) => snippet.typecheckOnly === undefined);

function slug(id: string): string {
  return id.replace(/[^A-Za-z0-9]+/g, "_");
}

// Cannot find name; did you mean; no value in scope for a shorthand property.
const MISSING_NAME = new Set([2304, 2552, 18004]);
const OPTIONS = consumerOptions("NodeNext");

/** The snippet files written, what the type-check found, and the environment of each service. */
interface Prepared {
  readonly paths: Map<Snippet, string>;
  readonly problems: string[];
  readonly sources: Map<string, string>;
}

function prepare(): Prepared {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const preludeFiles = copyPreludes(PRELUDES, WORK);
  const preludeModules = preludeFiles.map(
    (path) => `./${path.slice(WORK.length + 1).replace(/\.ts$/, ".js")}`,
  );
  const exported = exportsOf([...PACKAGES, ...preludeModules], WORK, OPTIONS);
  const bySnippetPath = new Map<string, Snippet>();
  const paths = new Map<Snippet, string>();
  const write = (snippet: Snippet, imports: ReadonlyMap<string, Set<string>>): string => {
    const path = join(WORK, `${slug(snippet.id)}.ts`);
    // All on line 1, so snippet line = file line - 1. The preludes run first, for their effects
    // (the working directory's policies) even when the snippet takes no name from them.
    const header = [
      ...existingPreludes(snippet, REPO, WORK)
        .reverse()
        .map((module) => `import "${module}";`),
      ...[...imports].map(
        ([module, names]) => `import { ${[...names].sort().join(", ")} } from "${module}";`,
      ),
    ];
    writeFileSync(path, `${header.join(" ")} export {};\n${snippet.code}\n`);
    bySnippetPath.set(path, snippet);
    paths.set(snippet, path);
    return path;
  };
  const owner = (snippet: Snippet, name: string): ExportedName | undefined => {
    for (const module of [
      ...existingPreludes(snippet, REPO, WORK),
      ...packagesFor(snippet, REPO, PACKAGES),
    ]) {
      const found = exported.get(module)?.get(name);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const check = (files: string[]): readonly ts.Diagnostic[] =>
    ts.getPreEmitDiagnostics(ts.createProgram(files, OPTIONS));

  // First pass: find the names each snippet leaves to its context.
  const files = tested.map((snippet) => write(snippet, new Map()));
  const implicit = new Map<string, Map<string, Set<string>>>();
  for (const diagnostic of check(files)) {
    const name = diagnostic.file?.fileName;
    const snippet = name === undefined ? undefined : bySnippetPath.get(name);
    if (name === undefined || snippet === undefined || !MISSING_NAME.has(diagnostic.code)) continue;
    const missing = /'([^']+)'/.exec(
      ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
    )?.[1];
    const found = missing === undefined ? undefined : owner(snippet, missing);
    if (missing === undefined || found === undefined) continue;
    const imports = implicit.get(name) ?? new Map<string, Set<string>>();
    imports.set(found.module, (imports.get(found.module) ?? new Set()).add(missing));
    implicit.set(name, imports);
  }
  for (const [name, imports] of implicit) write(bySnippetPath.get(name) as Snippet, imports);

  // Second pass: what remains is a snippet (or a prelude) that does not compile.
  const problems = check(files)
    .filter(
      (diagnostic) =>
        diagnostic.file === undefined || diagnostic.file.fileName.startsWith(`${WORK}/`),
    )
    .map((diagnostic) => {
      const file = diagnostic.file;
      const snippet = file === undefined ? undefined : bySnippetPath.get(file.fileName);
      const position =
        file === undefined || diagnostic.start === undefined
          ? undefined
          : file.getLineAndCharacterOfPosition(diagnostic.start);
      // Line 1 of the file holds the added imports: snippet line = file line - 1.
      const where =
        snippet !== undefined && position !== undefined
          ? `${snippet.id} (${snippet.file.slice(REPO.length)}:${snippet.line + position.line})`
          : file !== undefined && position !== undefined
            ? `${file.fileName.slice(WORK.length + 1)} (line ${position.line + 1})`
            : "?";
      return `${where}: TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
    });

  const sources = new Map<string, string>();
  for (const path of [...preludeFiles, ...files]) {
    const source = readFileSync(path, "utf8");
    emitJs(path, source);
    sources.set(path, source);
  }
  writeFileSync(
    join(WORK, "run.js"),
    [
      "// Runs one snippet; exits once it has settled, even with a client left open.",
      "try {",
      "  await import(process.argv[2]);",
      "} catch (error) {",
      "  console.error(error);",
      "  process.exitCode = 1;",
      "}",
      "setTimeout(() => process.exit(), 50);",
    ].join("\n"),
  );
  return { paths, problems, sources };
}

/** The id a problem line starts with. */
function problemId(problem: string): string {
  return problem.slice(0, problem.indexOf(" ("));
}

/** Runs a snippet's module in its own process and working directory. */
function runSnippet(
  path: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const cwd = mkdtempSync(join(tmpdir(), "parmana-snippet-"));
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(WORK, "run.js"), `./${path.slice(WORK.length + 1).replace(/\.ts$/, ".js")}`],
      {
        cwd,
        env: { ...process.env, NODE_ENV: "test", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n(killed after ${RUN_TIMEOUT_MS} ms)`;
      child.kill("SIGKILL");
    }, RUN_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

describeBuilt("documentation snippets", () => {
  let prepared: Prepared;
  const services = new Map<
    SnippetService,
    { env: Record<string, string> } | { unavailable: string }
  >();

  /** The services whose variables the snippet, or a prelude it imports, mentions. */
  const needs = (snippet: Snippet): SnippetService[] => {
    const path = prepared.paths.get(snippet) as string;
    const text = [
      prepared.sources.get(path) ?? "",
      ...existingPreludesText(snippet, prepared.sources),
    ].join("\n");
    return [...services.keys()].filter((service) =>
      service.variables.some((variable) => text.includes(variable)),
    );
  };

  beforeAll(async () => {
    prepared = prepare();
    const all = snippetServices();
    for (const service of all) services.set(service, { unavailable: "not started" });
    const used = new Set(runnable.flatMap((snippet) => needs(snippet)));
    for (const service of all) if (used.has(service)) services.set(service, await service.start());
  });

  afterAll(async () => {
    for (const service of services.keys()) await service.stop();
    rmSync(WORK, { recursive: true, force: true });
  });

  it("finds the snippets of every documented file", () => {
    expect(snippets.length).toBeGreaterThan(20);
    for (const snippet of snippets) {
      if (snippet.skip !== undefined) expect(snippet.skip, snippet.id).toMatch(/\S{3,}/);
      if (snippet.typecheckOnly !== undefined)
        expect(snippet.typecheckOnly, snippet.id).toMatch(/\S{3,}/);
    }
  });

  it("fails a snippet that throws, or whose promise rejects after it returns", async () => {
    // The runner's own check: a broken snippet must not pass as exit code 0.
    for (const [name, code] of [
      ["throws", 'throw new Error("broken snippet");'],
      ["rejects-later", 'void Promise.reject(new Error("late"));'],
    ] as const) {
      const path = join(WORK, `runner-check-${name}.ts`);
      writeFileSync(path.replace(/\.ts$/, ".js"), `${code}\nexport {};\n`);
      const { code: exit, output } = await runSnippet(path, {});
      expect(exit, output).toBe(1);
    }
  });

  it("type-check under --strict against the built packages", () => {
    // A snippet listed in snippets/known-failing.json is not yet fixed: the list may only
    // shrink. Every other snippet must compile, and a listed snippet that compiles and runs must
    // leave the list.
    const unexpected = prepared.problems.filter(
      (problem) => !KNOWN_FAILING.has(problemId(problem)),
    );
    expect(unexpected).toEqual([]);
  });

  for (const snippet of runnable) {
    const id = snippet.id;
    it(
      `runs ${id}`,
      async (context) => {
        if (KNOWN_FAILING.has(id)) return context.skip(`${id} is listed in known-failing.json`);
        const env: Record<string, string> = {};
        for (const service of needs(snippet)) {
          const state = services.get(service);
          if (state === undefined || "unavailable" in state) {
            const reason = `${id} needs ${service.name}: ${state?.unavailable ?? "not started"}`;
            if (process.env["CI"] === "true") throw new Error(reason);
            console.warn(`[docs-tests] SKIPPED: ${reason}`);
            return context.skip(reason);
          }
          Object.assign(env, state.env);
        }
        const { code, output } = await runSnippet(prepared.paths.get(snippet) as string, env);
        const where = `${id} (${snippet.file.slice(REPO.length)}:${snippet.line})`;
        expect(code, `${where} failed:\n${output}`).toBe(0);
      },
      RUN_TIMEOUT_MS + 10_000,
    );
  }

  it("known-failing.json lists only snippets that still fail", () => {
    const failing = new Set(prepared.problems.map(problemId));
    const listed = [...KNOWN_FAILING].filter((id) => !failing.has(id));
    expect(listed, "these snippets compile now: run them and remove them from the list").toEqual(
      [],
    );
  });
});

function existingPreludesText(snippet: Snippet, sources: ReadonlyMap<string, string>): string[] {
  return existingPreludes(snippet, REPO, WORK).map(
    (module) => sources.get(join(WORK, module.replace(/\.js$/, ".ts"))) ?? "",
  );
}
