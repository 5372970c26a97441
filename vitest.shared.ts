import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const packagesDir = fileURLToPath(new URL("./packages/", import.meta.url));

// Every workspace package with a src/index.ts, by folder name (which is its npm name after the
// scope). Exact-match patterns, so a subpath import never resolves to `.../index.ts/<subpath>`.
const workspacePackages = readdirSync(packagesDir).filter((name) =>
  existsSync(`${packagesDir}${name}/src/index.ts`),
);

/** Test settings every package shares: workspace imports resolve to `src/`, not `dist/`. */
export const sharedTestConfig = {
  resolve: {
    alias: [
      ...workspacePackages.map((name) => ({
        find: new RegExp(`^@parmanasystems/${name}$`),
        replacement: `${packagesDir}${name}/src/index.ts`,
      })),
      // Subpath entries such as @parmanasystems/core/portable: src/<subpath>/index.ts.
      {
        find: /^@parmanasystems\/([a-z-]+)\/([a-z-]+)$/,
        replacement: `${packagesDir}$1/src/$2/index.ts`,
      },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
};
