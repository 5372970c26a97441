// Runs every bench/src/*.bench.ts module in name order (or those named by the argument). Each module exports
// `runBench(): Promise<void>` and prints its own table; drop a file in src/ to add a bench.
//
// `--smoke` (or BENCH_SMOKE=1) runs every module with tiny sizes: it checks that each still runs to
// the end and prints a table, and says nothing about time. Every run writes a JSON report
// (src/lib/report.ts) to BENCH_REPORT, else to results/<timestamp>.json (a smoke run: to the
// system's temporary directory). A module that throws, or (smoke) prints no table and skips
// nothing, makes the run exit non-zero after the other modules have run.
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { finishModule, startModule, startReport, writeReport } from "./src/lib/report.js";

interface BenchModule {
  runBench?: unknown;
}

const args = process.argv.slice(2);
// Set before any module is imported: the modules read it when they load.
if (args.includes("--smoke")) process.env["BENCH_SMOKE"] = "1";
const smoke = process.env["BENCH_SMOKE"] === "1";

const sourceDir = new URL("./src/", import.meta.url);
// `pnpm bench <word>` runs only the modules whose file name contains <word>.
const only = args.find((arg) => !arg.startsWith("--"));
// A word that names one module exactly (`verify` for verify.bench.ts) runs that module only.
const all = readdirSync(sourceDir)
  .filter((file) => file.endsWith(".bench.ts"))
  .sort();
const files = all.includes(`${only}.bench.ts`)
  ? [`${only}.bench.ts`]
  : all.filter((file) => only === undefined || file.includes(only));

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
// A relative BENCH_REPORT is taken from where pnpm was started (INIT_CWD), not from bench/.
const reportPath =
  process.env["BENCH_REPORT"] !== undefined && process.env["BENCH_REPORT"] !== ""
    ? resolve(process.env["INIT_CWD"] ?? process.cwd(), process.env["BENCH_REPORT"])
    : smoke
      ? join(tmpdir(), `parmana-bench-smoke-${stamp}.json`)
      : fileURLToPath(new URL(`./results/${stamp}.json`, import.meta.url));

const report = startReport({ smoke, ...(only === undefined ? {} : { only }) });
console.log(
  `Node ${process.version}, ${process.platform}/${process.arch}; ${files.length} bench modules${smoke ? " (smoke: tiny sizes, no figures)" : ""}`,
);
// The peers and drivers compared against, with the versions installed.
console.log(
  `packages: ${report.packages.map((p) => `${p.dependency === p.name ? "" : `${p.dependency}=`}${p.name}@${p.version}`).join(", ")}`,
);
const failures: string[] = [];
for (const file of files) {
  console.log(`\n# ${file}`);
  const record = startModule(file);
  const started = performance.now();
  let error: unknown;
  try {
    const module = (await import(
      pathToFileURL(new URL(file, sourceDir).pathname).href
    )) as BenchModule;
    if (typeof module.runBench !== "function")
      throw new Error(`${file} does not export runBench()`);
    await (module.runBench as () => Promise<void>)();
    const printed = record.tables.length + record.ratios.length + record.figures.length;
    if (smoke && printed === 0 && record.skipped.length === 0)
      throw new Error(`${file} ran but reported no table`);
  } catch (caught) {
    error = caught;
    failures.push(file);
    console.error(`\n${file} FAILED:`, caught);
  }
  finishModule((performance.now() - started) / 1000, error);
  console.log(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

writeReport(reportPath);
console.log(`\nreport: ${reportPath}`);
if (failures.length > 0) {
  console.error(`${failures.length} bench module(s) failed: ${failures.join(", ")}`);
  // A module that failed half-way may leave a connection open: do not wait for it to close.
  process.exit(1);
}
