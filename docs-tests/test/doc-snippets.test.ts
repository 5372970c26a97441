// Every TypeScript snippet of README.md, docs/*.md and packages/*/README.md is a tested artifact:
// extracted, completed only with the imports it leaves implicit (names exported by the package it
// documents) and with the values the text around it supplies (declared in
// snippets/context.d.ts: a signer, a verifier, an attestation, ...), then type-checked under
// `tsc --strict` against the built packages, so a snippet cannot rot. A snippet that is not
// TypeScript to compile (a signature listing) opts out with `<!-- snippet: skip <reason> -->`
// right before its fence; the reasons are listed by this test.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, expect, it } from "vitest";
import { documentedFiles, extractSnippets, type Snippet } from "./helpers/snippets.js";
import { consumerOptions, describeBuilt } from "./helpers/typecheck.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REPO = fileURLToPath(new URL("../..", import.meta.url));
const WORK = join(ROOT, ".snippets");
const CONTEXT = join(ROOT, "snippets", "context.d.ts");
const PACKAGES = ["@parmanasystems/core", "@parmanasystems/provenance"] as const;

const snippets: Snippet[] = documentedFiles(REPO).flatMap((file) => extractSnippets(REPO, file));
const KNOWN_FAILING = new Set(
  JSON.parse(readFileSync(join(ROOT, "snippets", "known-failing.json"), "utf8")) as string[],
);

function slug(id: string): string {
  return id.replace(/[^A-Za-z0-9]+/g, "_");
}

/** Names each package exports (values and types), read from its built declarations. */
function exportedNames(): Map<string, string> {
  const probe = join(WORK, "probe.ts");
  writeFileSync(probe, PACKAGES.map((name, i) => `import * as p${i} from "${name}";`).join("\n"));
  const program = ts.createProgram([probe], consumerOptions("NodeNext"));
  const checker = program.getTypeChecker();
  const owner = new Map<string, string>();
  const source = program.getSourceFile(probe);
  for (const statement of source?.statements ?? []) {
    if (!ts.isImportDeclaration(statement)) continue;
    const moduleName = (statement.moduleSpecifier as ts.StringLiteral).text;
    const symbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
    if (symbol === undefined) continue;
    for (const exported of checker.getExportsOfModule(symbol))
      if (!owner.has(exported.name)) owner.set(exported.name, moduleName);
  }
  return owner;
}

function check(files: string[]): readonly ts.Diagnostic[] {
  const program = ts.createProgram([CONTEXT, ...files], consumerOptions("NodeNext"));
  return ts.getPreEmitDiagnostics(program);
}

const MISSING_NAME = new Set([2304, 2552]);

describeBuilt("documentation snippets", () => {
  afterAll(() => rmSync(WORK, { recursive: true, force: true }));

  it("finds the snippets of every documented file", () => {
    expect(snippets.length).toBeGreaterThan(20);
    const skipped = snippets.filter((snippet) => snippet.skip !== undefined);
    for (const snippet of skipped) expect(snippet.skip, snippet.id).toMatch(/\S{3,}/);
  });

  it("type-check under --strict against the built packages", () => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    const owners = exportedNames();
    const tested = snippets.filter((snippet) => snippet.skip === undefined);
    const paths = new Map<string, Snippet>();
    const write = (snippet: Snippet, imports: ReadonlyMap<string, Set<string>>): string => {
      const path = join(WORK, `${slug(snippet.id)}.ts`);
      const lines = [...imports].map(
        ([module, names]) => `import { ${[...names].sort().join(", ")} } from "${module}";`,
      );
      writeFileSync(path, `${lines.join(" ")}export {};\n${snippet.code}\n`);
      paths.set(path, snippet);
      return path;
    };
    // First pass: find the names each snippet leaves to the package it documents.
    const files = tested.map((snippet) => write(snippet, new Map()));
    const implicit = new Map<string, Map<string, Set<string>>>();
    for (const diagnostic of check(files)) {
      const name = diagnostic.file?.fileName;
      if (name === undefined || !paths.has(name) || !MISSING_NAME.has(diagnostic.code)) continue;
      const missing = /'([^']+)'/.exec(
        ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
      )?.[1];
      const module = missing === undefined ? undefined : owners.get(missing);
      if (missing === undefined || module === undefined) continue;
      const imports = implicit.get(name) ?? new Map<string, Set<string>>();
      imports.set(module, (imports.get(module) ?? new Set()).add(missing));
      implicit.set(name, imports);
    }
    for (const [name, imports] of implicit) write(paths.get(name) as Snippet, imports);
    // Second pass: what remains is a snippet that does not compile.
    const problems = check(files)
      .filter((diagnostic) => diagnostic.file === undefined || paths.has(diagnostic.file.fileName))
      .map((diagnostic) => {
        const snippet =
          diagnostic.file === undefined ? undefined : paths.get(diagnostic.file.fileName);
        const position =
          diagnostic.file === undefined || diagnostic.start === undefined
            ? undefined
            : diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
        // Line 1 of the file holds the added imports: snippet line = file line - 1.
        const where =
          snippet === undefined || position === undefined
            ? "?"
            : `${snippet.id} (${snippet.file.slice(REPO.length)}:${snippet.line + position.line})`;
        return `${where}: TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
      });
    // Snippets written before this test existed and not yet fixed are listed, by id, in
    // snippets/known-failing.json: the list may only shrink. Every other snippet must compile,
    // and a listed snippet that compiles must leave the list.
    const failing = new Set(problems.map((problem) => problem.slice(0, problem.indexOf(" ("))));
    const unexpected = problems.filter(
      (problem) => !KNOWN_FAILING.has(problem.slice(0, problem.indexOf(" ("))),
    );
    expect(unexpected).toEqual([]);
    const fixed = [...KNOWN_FAILING].filter((id) => !failing.has(id));
    expect(fixed, "these snippets compile now: remove them from known-failing.json").toEqual([]);
  });
});
