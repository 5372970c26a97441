import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeErrorCode } from "@parmanasystems/core";
import { expect, it } from "vitest";

const sourceDir = fileURLToPath(new URL("../../src/", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

it("throws only codes of core's catalogue, each documented in docs/errors.md", () => {
  const codes = new Set<string>();
  for (const file of sourceFiles(sourceDir)) {
    for (const match of readFileSync(file, "utf8").matchAll(/"((?:SIG|STORE)-\d{3})"/g)) {
      codes.add(match[1] as string);
    }
  }
  expect([...codes].sort()).toEqual([
    "SIG-004",
    "SIG-005",
    "SIG-007",
    "SIG-009",
    "SIG-010",
    "SIG-011",
    "SIG-030",
    "SIG-031",
    "SIG-032",
    "STORE-001",
  ]);
  for (const code of codes) expect(describeErrorCode(code), code).toBeDefined();
});
