// The folders of core's src/ sit in layers (docs/CONTRIBUTING.md, "Layers of core"): a folder may
// import from its own layer or a lower one, never a higher one, and no two folders may import each
// other, directly or around a loop. Imports are read with TypeScript's own pre-processor, so
// re-exports, type-only imports and dynamic `import()` all count.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
// The subpath entry sits in internal/ beside the primitives it shares, but re-exports every layer.
const INTERNAL_ENTRY = "internal/index.ts";

/**
 * Lowest first. Entry points (src/index.ts, portable/, and internal/index.ts, the entry of the
 * `@parmanasystems/core/internal` subpath) may import anything below them.
 */
const LAYERS: ReadonlyArray<{ name: string; folders: readonly string[] }> = [
  { name: "primitives", folders: ["errors", "internal", "canonical", "hashing", "crypto"] },
  {
    name: "model",
    folders: [
      "policy",
      "trust",
      "signal-provenance",
      "replay",
      "transparency",
      "runtime",
      "attestation",
      "bundle",
    ],
  },
  { name: "orchestration", folders: ["verify", "override", "integrity", "execute"] },
  { name: "entry points", folders: ["index.ts", "portable", INTERNAL_ENTRY] },
];

type Edge = { from: string; to: string; file: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** The top-level folder (or root file) of src/ that `path` lies in. */
function unitOf(path: string): string {
  const rel = relative(SRC, path).split(sep);
  if (rel.join("/").replace(/\.js$/, ".ts") === INTERNAL_ENTRY) return INTERNAL_ENTRY;
  return rel[0] as string;
}

/** Every import of one src/ unit from another, with the file that makes it. */
function folderEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const from = unitOf(file);
      const to = unitOf(resolve(dirname(file), fileName)).replace(/\.js$/, ".ts");
      if (from !== to) edges.push({ from, to, file: relative(SRC, file) });
    }
  }
  return edges;
}

/** Imports that reach a higher layer, or a unit no layer lists. */
function layerViolations(edges: readonly Edge[]): string[] {
  const rank = new Map(
    LAYERS.flatMap(({ folders }, index) => folders.map((folder) => [folder, index] as const)),
  );
  const problems = new Set<string>();
  for (const { from, to, file } of edges) {
    const fromRank = rank.get(from);
    const toRank = rank.get(to);
    if (fromRank === undefined) problems.add(`${from} is in no layer`);
    if (toRank === undefined) problems.add(`${to} is in no layer`);
    if (fromRank !== undefined && toRank !== undefined && toRank > fromRank)
      problems.add(
        `${file}: ${from} (${LAYERS[fromRank]?.name}) imports ${to} (${LAYERS[toRank]?.name})`,
      );
  }
  return [...problems].sort();
}

/** Each set of two or more units that import one another around a loop (Tarjan's SCCs). */
function folderCycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, new Set());
    if (!next.has(to)) next.set(to, new Set());
    next.get(from)?.add(to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

describe("core's folder layers", () => {
  const edges = folderEdges();

  it("reads the imports between folders", () => {
    // A parser that found nothing would pass every check below.
    expect(edges.length).toBeGreaterThan(100);
    expect(edges).toContainEqual({
      from: "trust",
      to: "hashing",
      file: "trust/trust-root-hash.ts",
    });
  });

  it("lists every folder of src/ in exactly one layer", () => {
    const listed = LAYERS.flatMap(({ folders }) => folders).filter((f) => f !== INTERNAL_ENTRY);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(readdirSync(SRC).sort());
  });

  it("never imports from a higher layer", () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it("has no cycle between folders", () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it("reports an upward import and a cycle when there is one", () => {
    const broken: Edge[] = [
      { from: "trust", to: "runtime", file: "trust/a.ts" },
      { from: "runtime", to: "trust", file: "runtime/b.ts" },
      { from: "canonical", to: "verify", file: "canonical/c.ts" },
      { from: "policy", to: "nowhere", file: "policy/d.ts" },
    ];
    expect(layerViolations(broken)).toEqual([
      "canonical/c.ts: canonical (primitives) imports verify (orchestration)",
      "nowhere is in no layer",
    ]);
    expect(folderCycles(broken)).toEqual([["runtime", "trust"]]);
  });
});
