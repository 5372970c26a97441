import { existsSync } from "node:fs";
import { dirname, relative } from "node:path";
import ts from "typescript";
import { describe } from "vitest";

/** The two ways adopters resolve modules: Node's own ESM rules and a bundler's. */
export type ResolutionMode = "NodeNext" | "Bundler";

/** Compiler options a strict consumer project uses; nothing looser than `tsc --strict`. */
export function consumerOptions(mode: ResolutionMode): ts.CompilerOptions {
  const common: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts"],
    types: ["node"],
    // As most projects do: checking every SDK declaration file would take minutes. Our own
    // declarations are still checked wherever the files under test use them, and by attw.
    skipLibCheck: true,
    resolveJsonModule: true,
  };
  return mode === "NodeNext"
    ? {
        ...common,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
      }
    : {
        ...common,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
      };
}

/**
 * Type-checks files as a consumer project would, and returns every diagnostic as
 * `file(line,col): TSxxxx message`, paths relative to `base`. Diagnostics in third-party
 * declaration files under node_modules/.pnpm are dropped (they are not ours to fix).
 *
 * @param files - absolute paths of the .ts/.d.ts files to check
 * @param mode - module resolution
 * @param base - folder paths are shown relative to
 * @returns the diagnostics, empty when everything compiles
 */
export function typecheck(files: readonly string[], mode: ResolutionMode, base: string): string[] {
  const program = ts.createProgram({ rootNames: [...files], options: consumerOptions(mode) });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => !isThirdParty(diagnostic.file?.fileName))
    .map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      if (diagnostic.file === undefined || diagnostic.start === undefined)
        return `TS${diagnostic.code} ${message}`;
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const name = relative(base, diagnostic.file.fileName);
      return `${name}(${line + 1},${character + 1}): TS${diagnostic.code} ${message}`;
    });
}

function isThirdParty(fileName: string | undefined): boolean {
  if (fileName === undefined) return false;
  return (
    /[\\/]node_modules[\\/]\.pnpm[\\/]/.test(fileName) && !fileName.includes("@parmanasystems")
  );
}

const CORE_TYPES = new URL("../../../packages/core/dist/index.d.ts", import.meta.url);

/**
 * `describe` for suites that need the built packages (types come from `dist/`, as a consumer
 * gets them). Without a build the suite is skipped with a visible reason, except in CI.
 */
export const describeBuilt: typeof describe | typeof describe.skip = (() => {
  if (existsSync(CORE_TYPES)) return describe;
  const reason = `${dirname(CORE_TYPES.pathname)} is missing: run \`pnpm build\` first`;
  if (process.env.CI === "true") throw new Error(reason);
  console.warn(`[docs-tests] SKIPPED: ${reason}`);
  return describe.skip;
})();
