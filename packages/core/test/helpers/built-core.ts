// The built package (dist/), for tests that must run what an application loads. Under CI=true a
// missing build fails the test file; elsewhere the caller skips with the reason printed.
import { existsSync } from "node:fs";

/** dist/index.js and dist/index.cjs of core, and whether both exist. */
export interface BuiltCore {
  readonly esm: URL;
  readonly cjs: URL;
  readonly built: boolean;
}

/**
 * Locates core's build for the test named `what`, failing under CI=true when it is missing and
 * printing a visible skip reason otherwise.
 *
 * @param what - the test, as the skip reason names it
 * @returns the build's entry files and whether they exist
 */
export function builtCore(what: string): BuiltCore {
  const esm = new URL("../../dist/index.js", import.meta.url);
  const cjs = new URL("../../dist/index.cjs", import.meta.url);
  const built = existsSync(esm) && existsSync(cjs);
  if (!built && process.env.CI === "true")
    throw new Error("packages/core/dist is missing: build first");
  if (!built)
    console.warn(`[core tests] SKIPPED ${what}: packages/core/dist is missing (pnpm build)`);
  return { esm, cjs, built };
}
