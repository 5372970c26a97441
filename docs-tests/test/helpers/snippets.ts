import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** One TypeScript code block of a Markdown file. */
export interface Snippet {
  /** `docs/execute.md#2`: file and 1-based index among its TypeScript blocks. */
  readonly id: string;
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** From a `<!-- snippet: skip <reason> -->` comment just before the fence: not TypeScript. */
  readonly skip?: string;
  /**
   * From a `<!-- snippet: typecheck-only <reason> -->` comment just before the fence: a
   * deliberate fragment (an interface shape, a placeholder address), type-checked but not run.
   */
  readonly typecheckOnly?: string;
}

const FENCE = /^```(ts|typescript)\s*$/;
const DIRECTIVE = /^<!--\s*snippet:\s*(skip|typecheck-only)\s+(.+?)\s*-->$/;

/**
 * The Markdown files whose TypeScript snippets are tested: README.md, docs/*.md and the README
 * of every package under packages/ that has a src/ folder (so a package being added is picked up
 * as soon as its code exists).
 */
export function documentedFiles(repoRoot: string): string[] {
  const files = [join(repoRoot, "README.md")];
  for (const name of readdirSync(join(repoRoot, "docs")).sort())
    if (name.endsWith(".md")) files.push(join(repoRoot, "docs", name));
  for (const name of readdirSync(join(repoRoot, "packages")).sort()) {
    const dir = join(repoRoot, "packages", name);
    if (existsSync(join(dir, "src")) && existsSync(join(dir, "README.md")))
      files.push(join(dir, "README.md"));
  }
  return files;
}

/** Every `ts` code block of a Markdown file, with the directive just before it when there is one. */
export function extractSnippets(repoRoot: string, file: string): Snippet[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const snippets: Snippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!FENCE.test(lines[index] ?? "")) continue;
    const start = index;
    const body: string[] = [];
    for (index += 1; index < lines.length && !/^```\s*$/.test(lines[index] ?? ""); index++)
      body.push(lines[index] ?? "");
    let previous = start - 1;
    while (previous >= 0 && (lines[previous] ?? "").trim() === "") previous -= 1;
    const directive = DIRECTIVE.exec((lines[previous] ?? "").trim());
    const reason = directive?.[2];
    snippets.push({
      id: `${relative(repoRoot, file)}#${snippets.length + 1}`,
      file,
      line: start + 1,
      code: body.join("\n"),
      ...(reason === undefined
        ? {}
        : directive?.[1] === "skip"
          ? { skip: reason }
          : { typecheckOnly: reason }),
    });
  }
  return snippets;
}
