import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import type { Snippet } from "./snippets.js";

/**
 * Preludes: the values a page takes as given, as modules under `snippets/preludes/`.
 * `common.ts` serves every page; `<page path without .md>.ts` (e.g. `docs/overrides.ts`,
 * `packages/provenance/README.ts`) serves one page, and `<page path without .md>.<n>.ts` its n-th
 * snippet only. A name a snippet uses without declaring it is imported from the most specific
 * prelude exporting it, else from the package the page documents, else from any of ours.
 */
export function preludesOf(snippet: Snippet, repoRoot: string): string[] {
  const page = relative(repoRoot, snippet.file).replace(/\.md$/, "");
  const index = snippet.id.slice(snippet.id.lastIndexOf("#") + 1);
  return [`preludes/${page}.${index}.ts`, `preludes/${page}.ts`, "preludes/common.ts"];
}

/** Our packages, the one a page documents first. */
export function packagesFor(snippet: Snippet, repoRoot: string, all: readonly string[]): string[] {
  const documented = /^packages\/([^/]+)\/README\.md$/.exec(relative(repoRoot, snippet.file))?.[1];
  const own = documented === undefined ? undefined : `@parmanasystems/${documented}`;
  return own !== undefined && all.includes(own) ? [own, ...all.filter((p) => p !== own)] : [...all];
}

/** Copies the prelude tree into the work folder, where the snippet files import it. */
export function copyPreludes(source: string, work: string): string[] {
  cpSync(source, join(work, "preludes"), { recursive: true });
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) files.push(path);
    }
  };
  walk(join(work, "preludes"));
  return files;
}

/** An export of a module, and whether it exists at run time (a value, not only a type). */
export interface ExportedName {
  readonly module: string;
  readonly value: boolean;
}

/** The names each module exports, read through the type checker. */
export function exportsOf(
  modules: readonly string[],
  work: string,
  options: ts.CompilerOptions,
): Map<string, Map<string, ExportedName>> {
  const probe = join(work, "probe.ts");
  writeFileSync(probe, modules.map((name, i) => `import * as p${i} from "${name}";`).join("\n"));
  const program = ts.createProgram([probe], options);
  const checker = program.getTypeChecker();
  const result = new Map<string, Map<string, ExportedName>>();
  for (const statement of program.getSourceFile(probe)?.statements ?? []) {
    if (!ts.isImportDeclaration(statement)) continue;
    const module = (statement.moduleSpecifier as ts.StringLiteral).text;
    const symbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
    const names = new Map<string, ExportedName>();
    for (const exported of symbol === undefined ? [] : checker.getExportsOfModule(symbol)) {
      const target =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      names.set(exported.name, { module, value: (target.flags & ts.SymbolFlags.Value) !== 0 });
    }
    result.set(module, names);
  }
  return result;
}

/** The module specifier, relative to the work folder, of a prelude that exists. */
export function existingPreludes(snippet: Snippet, repoRoot: string, work: string): string[] {
  return preludesOf(snippet, repoRoot)
    .filter((path) => existsSync(join(work, path)))
    .map((path) => `./${path.replace(/\.ts$/, ".js")}`);
}

/** Transpiles a TypeScript file of the work folder to the ES module beside it. */
export function emitJs(path: string, source: string): void {
  const output = ts.transpileModule(source, {
    fileName: path,
    compilerOptions: {
      module: ts.ModuleKind.ES2022,
      target: ts.ScriptTarget.ES2022,
      sourceMap: false,
    },
  });
  writeFileSync(path.replace(/\.ts$/, ".js"), output.outputText);
}
