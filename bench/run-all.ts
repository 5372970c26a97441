// Runs every bench/src/*.bench.ts module in name order (or those whose name contains argv[2]). Each module exports
// `runBench(): Promise<void>` and prints its own table; drop a file in src/ to add a bench.
import { readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";

interface BenchModule {
  runBench?: unknown;
}

const sourceDir = new URL("./src/", import.meta.url);
// `pnpm bench <word>` runs only the modules whose file name contains it.
const only = process.argv[2];
const files = readdirSync(sourceDir)
  .filter((file) => file.endsWith(".bench.ts") && (only === undefined || file.includes(only)))
  .sort();

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
