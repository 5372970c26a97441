// The export list of every package entry, values and types, kept in committed files under
// export-lists/: an export added, removed or turned from a type into a value shows as a diff in
// review. Update on purpose with `pnpm vitest run packages/core/test/exports -u`.
//
// Type names come from the TypeScript compiler (what a user can import), value names from the
// module itself (what exists at run time); the test also checks the two agree.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const packagesDir = `${root}packages/`;

/** Every published entry: each package's src/index.ts, plus core's internal subpath. */
const ENTRIES: readonly { name: string; file: string }[] = [
  ...readdirSync(packagesDir)
    .filter((name) => existsSync(`${packagesDir}${name}/src/index.ts`))
    .sort()
    .map((name) => ({ name, file: `${packagesDir}${name}/src/index.ts` })),
  { name: "core-internal", file: `${packagesDir}core/src/internal/index.ts` },
];

interface ExportList {
  readonly values: readonly string[];
  readonly types: readonly string[];
}

function compilerExportLists(): Map<string, ExportList> {
  const config = ts.readConfigFile(`${root}tsconfig.base.json`, (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(
    ENTRIES.map((entry) => entry.file),
    { ...options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const lists = new Map<string, ExportList>();
  for (const entry of ENTRIES) {
    const source = program.getSourceFile(entry.file);
    const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`no module symbol for ${entry.file}`);
    const values: string[] = [];
    const types: string[] = [];
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      (target.flags & ts.SymbolFlags.Value ? values : types).push(symbol.name);
    }
    lists.set(entry.name, { values: values.sort(), types: types.sort() });
  }
  return lists;
}

function render(name: string, list: ExportList): string {
  return [
    `# ${name}: ${list.values.length} values, ${list.types.length} types`,
    "",
    "## values",
    ...list.values,
    "",
    "## types",
    ...list.types,
    "",
  ].join("\n");
}

describe("package export lists", () => {
  const lists = compilerExportLists();

  it.each(ENTRIES.map((entry) => [entry.name, entry.file] as const))(
    "%s matches its committed list",
    async (name, file) => {
      const list = lists.get(name) as ExportList;
      const runtime = Object.keys((await import(pathToFileURL(file).href)) as object).sort();
      expect(runtime).toEqual(list.values);
      await expect(render(name, list)).toMatchFileSnapshot(`./export-lists/${name}.md`);
    },
  );
});
