// The JSON report of a bench run. Modules keep printing their tables as before and, where they
// print, also hand the same rows and their ratios to this collector; run-all.ts opens and closes
// one module entry around each runBench() and writes the file at the end. The report says what
// ran where: Node, platform, load average, and the exact installed version of every package the
// bench compares against (peers such as canonicalize or json-rules-engine, raw drivers).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { dirname } from "node:path";

/** One printed table: its heading and its rows as printed. */
export interface TableRecord {
  readonly title: string;
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** An aim a figure is judged against. */
export interface Aim {
  readonly op: "<=" | ">=" | "==";
  readonly value: number;
}

/** A ratio (ours over a baseline, unless the label says otherwise): median and min–max of rounds. */
export interface RatioRecord {
  readonly label: string;
  readonly median: number;
  readonly min?: number;
  readonly max?: number;
  /** What was timed: `cpu`, `wall`, `time` (median time per call), `rate`, … */
  readonly basis?: string;
  readonly aim?: Aim;
  /** Whether the aim is met; computed from the median when the module does not say. */
  readonly met?: boolean;
  /** How the module judges, when not simply by this median. */
  readonly note?: string;
}

/** A judged figure that is not a ratio (a rate, a latency, a request count). */
export interface FigureRecord {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly aim?: Aim;
  readonly met?: boolean;
}

/** Everything one module reported. */
export interface ModuleRecord {
  readonly module: string;
  status: "ok" | "failed";
  seconds: number;
  readonly tables: TableRecord[];
  readonly ratios: RatioRecord[];
  readonly figures: FigureRecord[];
  /** Parts not measured, with the reason (a server that did not answer). */
  readonly skipped: string[];
  error?: string;
}

/** An installed package the bench depends on, with the version actually installed. */
export interface PackageVersion {
  /** The dependency name in bench/package.json (an alias such as `canonicalize2` stays). */
  readonly dependency: string;
  /** The package's own name and exact version, from its installed package.json. */
  readonly name: string;
  readonly version: string;
}

/** The whole report, as written to the JSON file. */
export interface BenchReport {
  readonly startedAt: string;
  finishedAt?: string;
  readonly smoke: boolean;
  readonly only?: string;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpus: { readonly model: string; readonly count: number };
  /** 1, 5 and 15-minute load averages when the run started and when it ended. */
  readonly loadAverage: { readonly start: readonly number[]; end?: readonly number[] };
  readonly commit?: string;
  readonly packages: readonly PackageVersion[];
  readonly modules: ModuleRecord[];
}

let report: BenchReport | undefined;
let current: ModuleRecord | undefined;

/** Starts a report; run-all.ts calls it once before the first module. */
export function startReport(options: { smoke: boolean; only?: string }): BenchReport {
  report = {
    startedAt: new Date().toISOString(),
    smoke: options.smoke,
    ...(options.only === undefined ? {} : { only: options.only }),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: { model: cpus()[0]?.model ?? "unknown", count: availableParallelism() },
    loadAverage: { start: roundedLoad() },
    ...commit(),
    packages: installedPackages(),
    modules: [],
  };
  return report;
}

/** Opens the entry of one module; what is recorded until {@link finishModule} goes into it. */
export function startModule(module: string): ModuleRecord {
  current = {
    module,
    status: "ok",
    seconds: 0,
    tables: [],
    ratios: [],
    figures: [],
    skipped: [],
  };
  report?.modules.push(current);
  return current;
}

/** Closes the current module's entry with its duration and, on failure, the error. */
export function finishModule(seconds: number, error?: unknown): void {
  if (current === undefined) return;
  current.seconds = Number(seconds.toFixed(2));
  if (error !== undefined) {
    current.status = "failed";
    current.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  current = undefined;
}

/** Records a table as printed. */
export function recordTable(
  title: string,
  rows: readonly Readonly<Record<string, unknown>>[],
): void {
  current?.tables.push({ title, rows: rows.map((row) => ({ ...row })) });
}

/** Prints a table under a `## title` heading, as the modules do, and records it. */
export function printTable(
  title: string,
  rows: readonly Readonly<Record<string, unknown>>[],
): void {
  console.log(`\n## ${title}`);
  console.table(rows);
  recordTable(title, rows);
}

/** Records a ratio; `met` defaults to the aim applied to the median. */
export function recordRatio(ratio: RatioRecord): void {
  current?.ratios.push({
    ...ratio,
    ...(ratio.aim !== undefined && ratio.met === undefined
      ? { met: meets(ratio.median, ratio.aim) }
      : {}),
  });
}

/** Records a judged figure; `met` defaults to the aim applied to the value. */
export function recordFigure(figure: FigureRecord): void {
  current?.figures.push({
    ...figure,
    ...(figure.aim !== undefined && figure.met === undefined
      ? { met: meets(figure.value, figure.aim) }
      : {}),
  });
}

/**
 * A part that cannot run here (its server does not answer): printed as a visible `skipped` line
 * and recorded. With CI=true nothing may be skipped, so it throws instead.
 */
export function skipOrFail(reason: string): void {
  if (process.env["CI"] === "true") throw new Error(`${reason} (CI=true: nothing may be skipped)`);
  console.log(`\nskipped: ${reason}`);
  current?.skipped.push(reason);
}

/** Whether a value meets an aim. */
export function meets(value: number, aim: Aim): boolean {
  return aim.op === "<="
    ? value <= aim.value
    : aim.op === ">="
      ? value >= aim.value
      : value === aim.value;
}

/** Writes the report (with the end time and load average) to a JSON file; returns it. */
export function writeReport(path: string): BenchReport {
  if (report === undefined) throw new Error("no report was started");
  report.finishedAt = new Date().toISOString();
  report.loadAverage.end = roundedLoad();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

function roundedLoad(): number[] {
  return loadavg().map((value) => Number(value.toFixed(2)));
}

function commit(): { commit?: string } {
  try {
    const hash = execFileSync("git", ["rev-parse", "HEAD"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return hash === "" ? {} : { commit: hash };
  } catch {
    return {};
  }
}

/**
 * The installed version of one bench dependency (by its name in bench/package.json, an alias
 * such as `canonicalize2` included), for naming a peer in a table.
 */
export function installedVersion(dependency: string): string {
  const found = installedPackages().find((entry) => entry.dependency === dependency);
  if (found === undefined)
    throw new Error(`${dependency} is not a dependency of bench/package.json`);
  return found.version;
}

// Every registry dependency (not dev: types only) of bench/package.json, with the version installed (its own
// package.json, reached through bench/node_modules): the peers are named with exact versions even
// where package.json gives a range or an npm: alias.
function installedPackages(): PackageVersion[] {
  const manifest = JSON.parse(
    readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
  ) as { dependencies?: Record<string, string> };
  return Object.entries(manifest.dependencies ?? {})
    .filter(([, spec]) => !spec.startsWith("workspace:"))
    .map(([dependency]) => {
      const installed = JSON.parse(
        readFileSync(
          new URL(`../../node_modules/${dependency}/package.json`, import.meta.url),
          "utf8",
        ),
      ) as { name: string; version: string };
      return { dependency, name: installed.name, version: installed.version };
    })
    .sort((a, b) => a.dependency.localeCompare(b.dependency));
}
