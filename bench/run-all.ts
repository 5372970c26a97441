// Runs every bench/src/*.bench.ts module in name order (or those named by the argument). Each module exports
// `runBench(): Promise<void>` and prints its own table; drop a file in src/ to add a bench.
import { readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";

interface BenchModule {
  runBench?: unknown;
}

const sourceDir = new URL("./src/", import.meta.url);
// `pnpm bench <word>` runs only the modules whose file name contains <word>.
const only = process.argv[2];
// A word that names one module exactly (`verify` for verify.bench.ts) runs that module only.
const all = readdirSync(sourceDir)
  .filter((file) => file.endsWith(".bench.ts"))
  .sort();
const files = all.includes(`${only}.bench.ts`)
  ? [`${only}.bench.ts`]
  : all.filter((file) => only === undefined || file.includes(only));

console.log(
  `Node ${process.version}, ${process.platform}/${process.arch}; ${files.length} bench modules`,
);
for (const file of files) {
  const module = (await import(
    pathToFileURL(new URL(file, sourceDir).pathname).href
  )) as BenchModule;
  if (typeof module.runBench !== "function") {
    throw new Error(`${file} does not export runBench()`);
  }
  console.log(`\n# ${file}`);
  await (module.runBench as () => Promise<void>)();
}
