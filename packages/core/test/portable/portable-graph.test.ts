// src/portable/index.ts is what @parmanasystems/verify builds from core's source for browsers,
// Deno, Bun and workers: nothing it reaches may import a Node built-in or another package, or
// use Node globals. (The verify package checks its built bundle too.)
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ENTRY = fileURLToPath(new URL("../../src/portable/index.ts", import.meta.url));

function graph(entry: string): { files: string[]; problems: string[] } {
  const seen = new Set<string>();
  const problems: string[] = [];
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)) {
      if (match[1] !== undefined) continue; // type-only: erased
      const specifier = match[2] as string;
      if (!specifier.startsWith(".")) {
        problems.push(`${file}: imports ${specifier}`);
        continue;
      }
      if (specifier.endsWith(".json")) continue;
      walk(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
    }
    if (/\bBuffer\.|\bprocess\.|\brequire\(/.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "")))
      problems.push(`${file}: uses a Node global`);
  };
  walk(entry);
  return { files: [...seen], problems };
}

describe("core's portable modules", () => {
  it("reach no Node built-in, no package and no Node global", () => {
    const { files, problems } = graph(ENTRY);
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThan(25);
    expect(files.some((file) => file.endsWith("canonical/canonicalize.ts"))).toBe(true);
    expect(files.some((file) => file.endsWith("verify/internal/check-attestation-record.ts"))).toBe(
      true,
    );
  });
});
