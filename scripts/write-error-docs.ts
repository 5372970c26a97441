// `pnpm docs:errors`: writes docs/errors.md from the error catalogue. With --check it only
// compares and exits 1 when the file is out of date (for CI).
import { readFileSync, writeFileSync } from "node:fs";
import { ERROR_CATALOG } from "../packages/core/src/errors/catalog.js";
import { renderErrorDocs } from "./render-error-docs.js";

const target = new URL("../docs/errors.md", import.meta.url);
const rendered = renderErrorDocs(ERROR_CATALOG);

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // a missing file is simply out of date
  }
  if (current !== rendered) {
    console.error("docs/errors.md is out of date: run `pnpm docs:errors` and commit the result.");
    process.exit(1);
  }
  console.log("docs/errors.md is up to date.");
} else {
  writeFileSync(target, rendered);
  console.log(`wrote docs/errors.md (${Object.keys(ERROR_CATALOG).length} codes)`);
}
