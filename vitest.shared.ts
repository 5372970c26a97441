import { fileURLToPath } from "node:url";

const packagesDir = fileURLToPath(new URL("./packages/", import.meta.url));

/** Test settings every package shares: workspace imports resolve to `src/`, not `dist/`. */
export const sharedTestConfig = {
  resolve: {
    alias: {
      "@parmanasystems/core": `${packagesDir}core/src/index.ts`,
      "@parmanasystems/provenance": `${packagesDir}provenance/src/index.ts`,
      "@parmanasystems/audit-db": `${packagesDir}audit-db/src/index.ts`,
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
};
