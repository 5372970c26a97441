// `pnpm docs:errors`: writes docs/errors.md and the ParmanaErrorCode union
// (packages/core/src/errors/error-code.types.ts) from the error catalogue. With --check it only
// compares and exits 1 when either file is out of date (for CI).
import { readFileSync, writeFileSync } from "node:fs";
import { ERROR_CATALOG } from "../packages/core/src/errors/catalog.js";
import { renderErrorCodeType, renderErrorDocs } from "./render-error-docs.js";

const outputs: ReadonlyArray<{ target: URL; name: string; rendered: string }> = [
  {
    target: new URL("../docs/errors.md", import.meta.url),
    name: "docs/errors.md",
    rendered: renderErrorDocs(ERROR_CATALOG),
  },
  {
    target: new URL("../packages/core/src/errors/error-code.types.ts", import.meta.url),
    name: "packages/core/src/errors/error-code.types.ts",
    rendered: renderErrorCodeType(ERROR_CATALOG),
  },
];

if (process.argv.includes("--check")) {
  let stale = false;
  for (const { target, name, rendered } of outputs) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {
      // a missing file is simply out of date
    }
    if (current !== rendered) {
      console.error(`${name} is out of date: run \`pnpm docs:errors\` and commit the result.`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
  console.log("docs/errors.md and the ParmanaErrorCode union are up to date.");
} else {
  for (const { target, rendered } of outputs) writeFileSync(target, rendered);
  console.log(
    `wrote ${outputs.map((output) => output.name).join(" and ")} (${Object.keys(ERROR_CATALOG).length} codes)`,
  );
}
